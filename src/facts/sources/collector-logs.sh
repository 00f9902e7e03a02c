# shellcheck shell=sh
# Part of the fix-clock-drift collector (collector.sh includes it where it
# says @FCD_PARTS@): which kernel-log files and lines are read.
# Fields are split on purpose (globbing is off: set -f in collector.sh).
# shellcheck disable=SC2046,SC2086

# What this guest's tools can do: grep -a (GNU's), a test with -nt (the
# shell's own, else coreutils'; posh's has none). Whether grep has -b is
# asked only of a log longer than LOG_TAIL (grep_b).
# (grep exits 1 for no match, 2 for an option it does not know.)
GA=
grep -a x /dev/null
[ $? -ne 1 ] || GA=yes
for NT in test /usr/bin/test /bin/test ''; do
  [ -z "$NT" ] && break
  "$NT" / -nt /
  [ $? -eq 1 ] && break
done

# The kernel-log lines detection looks at (kernel-log.ts), with their syslog prefix.
log_grep() {
  grep ${GA:+-a} -F -e 'Linux version' -e 'Calibrating delay' -e 'clocksource' \
    -e 'timesource' -e 'kvm-clock' -e 'kvmclock' -e 'Hypervisor detected' -e 'DMI:' \
    -e 'Booting paravirtualized kernel' -e 'Kernel command line' "$@"
}

# Whether grep has -b (GNU's does).
grep_b() {
  grep -b x /dev/null
  [ $? -eq 1 ]
}

# log_grep of a log file, from the part detection reads: the lines that start
# in its last LOG_TAIL bytes, found by grep -b where grep has it. Its size,
# LOG_SIZE, comes from the ls that c_logs runs anyway.
log_lines() {
  w_f=$1
  w_cut=-1
  case $LOG_SIZE in
    '' | *[!0-9]*) ;;
    *) [ "$LOG_SIZE" -le $LOG_TAIL ] || ! grep_b || w_cut=$((LOG_SIZE - LOG_TAIL)) ;;
  esac
  if [ "$w_cut" -lt 0 ]; then
    log_grep "$w_f"
  else
    log_grep -b "$w_f" | while IFS= read -r w_l; do
      [ "${w_l%%:*}" -le "$w_cut" ] || printf '%s\n' "${w_l#*:}"
    done
  fi
}

# Whether a /var/log name is one detection reads (kernel-log.ts LOG_NAME, not compressed).
is_log_name() {
  case $1 in
    dmesg | dmesg.old | messages) ;;
    messages.?* | messages-?*)
      case ${1#messages?} in *[!A-Za-z0-9_.-]*) return 1 ;; esac
      ;;
    *) return 1 ;;
  esac
  case $1 in *.gz | *.bz2 | *.xz | *.zst | *.Z) return 1 ;; esac
}

# /var/log's dmesg and messages files: those detection reads with their kernel
# lines and their age (0 = newest, equal ages = same mtime), the others named.
c_logs() {
  c_dir "$1" || return 0
  g_dir=$R
  g_names=
  set +f
  for g_f in "$FCD_ROOT$g_dir"/dmesg* "$FCD_ROOT$g_dir"/messages*; do
    set -f
    g_n=${g_f##*/}
    if is_log_name "$g_n" && [ -f "$g_f" ]; then
      g_names="$g_names $g_n"
    else
      c_entry "$g_dir/$g_n"
    fi
  done
  set -f
  [ -n "$g_names" ] || return 0
  # ls -t compares whole timestamps, as detection does; ties come out in name
  # order. -ln: each line ends with the name and has the size fifth.
  g_ls=$(cd "$FCD_ROOT$g_dir" && ls -dtLln -- $g_names)
  g_age=0
  g_prev=
  IFS=$NL
  for g_l in $g_ls; do
    IFS=$WS_IFS
    set -- $g_l
    [ $# -ge 6 ] || continue
    LOG_SIZE=$5
    eval "g_n=\${$#}"
    if [ -n "$g_prev" ] && newer "$g_dir" "$g_prev" "$g_n"; then g_age=$((g_age + 1)); fi
    c_take log 0 "$g_dir/$g_n" " age=$g_age"
    g_prev=$g_n
  done
  IFS=$WS_IFS
  LOG_SIZE=
}

# Whether $2, listed before $3 by ls -t in directory $1, is strictly newer:
# test -nt says so, or ls put them out of name order (its order for ties).
newer() {
  [ -n "$NT" ] || return 0
  "$NT" "$FCD_ROOT$1/$2" -nt "$FCD_ROOT$1/$3" && return 0
  # shellcheck disable=SC2012 # the names are [A-Za-z0-9_.-] (is_log_name)
  y_first=$(cd "$FCD_ROOT$1" && ls -d -- "$2" "$3" | sed -n 1p)
  [ "$y_first" != "$2" ]
}
