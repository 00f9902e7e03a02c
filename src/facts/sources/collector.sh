#!/bin/sh
# fix-clock-drift collector @FCD_VERSION@
#
# Prints a facts bundle: the files and command outputs fix-clock-drift's
# detection reads on a guest, for `fix-clock-drift --facts FILE` on any
# machine. Read-only: it writes no file and changes nothing. Run it as root:
#     sh collector.sh > guest.facts
# The bundle is 7-bit text in numbered, checksummed records (README.md beside
# this file), so a pty's CRLF, banners around it and copy-paste do not hurt it
# and a cut or damaged one is refused, not misread.
#
# It must run on a minimal RHEL 3 (bash 2.05b as sh) to 6 and on busybox ash:
# POSIX sh without local, arrays or [[, and only cat, od, sed, grep, ls,
# dmesg, uname and the shell's own test, printf and echo. FCD_ROOT (tests
# only) is put before every path read; commands come from PATH.
#
# This file is the collector's frame; its parts (collector-records.sh,
# collector-files.sh) go in at @FCD_PARTS@ below when the tool ships it as
# one script (collector.ts, `fix-clock-drift collector`).
#
# Fields are split on purpose (set -- $(ls ...)): globbing is off (set -f)
# except around the loops that list directories.
# shellcheck disable=SC2046,SC2086

LC_ALL=C
export LC_ALL
# stderr would mix into the bundle under ssh -tt: every probe is silent.
exec 2>/dev/null
set -f
FORMAT=1
VERSION='@FCD_VERSION@'

# What is collected: one line per file or command (collector-files.sh).
plan() {
  c_take head 4096 /etc/redhat-release
  c_take head 4096 /etc/oracle-release
  c_take head 16384 /etc/os-release
  c_take head 16384 /usr/lib/os-release
  c_take head 4096 /etc/system-release
  c_take head 4096 /etc/SuSE-release
  c_take head 4096 /etc/debian_version
  c_take head 20 /bin/sh
  c_take head 20 /bin/bash
  c_take head 20 /sbin/init
  c_take block 32768 /proc/cpuinfo
  c_take head 1024 /sys/devices/system/clocksource/clocksource0/available_clocksource
  c_take head 1024 /sys/devices/system/clocksource/clocksource0/current_clocksource
  c_take head 256 /sys/class/dmi/id/sys_vendor
  c_take head 256 /sys/class/dmi/id/product_name
  c_take head 256 /sys/hypervisor/type
  c_take head 4096 /proc/cmdline
  c_take mounts 1048576 /proc/mounts
  c_uname
  c_cmd dmesg log dmesg
  c_cmd ntp-procs whole ntp_procs
  c_configs /boot
  c_logs /var/log
  c_ntp
  c_grub
}

# The records, paths and readers: collector-records.sh and collector-files.sh,
# put here when the tool ships this script (src/facts/sources/collector.ts).
# @FCD_PARTS@

# ---- main ----------------------------------------------------------------

MARK='FIX-CLOCK-DRIFT FACTS'
printf '%s\n' "-----BEGIN $MARK-----"
rec_begin bundle " format=$FORMAT collector=$VERSION"
rec_meta
rec_end 0
plan
printf '%s\n' "-----END $MARK $N RECORDS-----"
