# shellcheck shell=sh
# Part of the fix-clock-drift collector (collector.sh includes it where it
# says @FCD_PARTS@): what is read, and how much of it.
# Fields are split on purpose (globbing is off: set -f in collector.sh).
# shellcheck disable=SC2046,SC2086

# Detection reads at most the last MiB of a log (kernel-log.ts, LOG_TAIL_BYTES).
LOG_TAIL=1048576
# A kernel config's lines detection uses, by one sed: its first CONFIG_ line,
# wanted or not (parseKernelConfig needs one to take the file as a config),
# then each line of an option in CONFIG_WANTED (kernel-config.ts WANTED), in
# the file's order.
# The first line comes before any wanted one (a wanted line is a CONFIG_
# line), so one pass prints them in that order; the hold space says whether
# the first is out.
CONFIG_WANTED='X86_64 X86_32 X86 ARM64 KVM_CLOCK KVM_GUEST HZ'
CONFIG_SED='/^CONFIG_[A-Za-z0-9_][A-Za-z0-9_]*=/b c
/^# CONFIG_[A-Za-z0-9_][A-Za-z0-9_]* is not set/b c
b
:c
x
/^$/{
s/^/x/
x
p
x
}
x'
for c_w in $CONFIG_WANTED; do
  CONFIG_SED="$CONFIG_SED$NL/^CONFIG_$c_w=/p$NL/^# CONFIG_$c_w is not set/p"
done
# ---- content -------------------------------------------------------------

# Sets O_ATTRS to a file's " mode=... uid=... gid=..." (mode: the octal permission bits).
owner_attrs() {
  O_ATTRS=
  set -- $(ls -lnd -- "$1")
  o_p=${1#?}
  o_m=0
  for o_bit in 256 128 64 32 16 8 4 2 1; do
    o_rest=${o_p#?}
    case ${o_p%"$o_rest"} in r | w | x | s | t) o_m=$((o_m + o_bit)) ;; esac
    o_p=$o_rest
  done
  case $3$4 in
    '' | *[!0-9]*) ;;
    *) O_ATTRS=" mode=$((o_m / 64))$((o_m / 8 % 8))$((o_m % 8)) uid=$3 gid=$4" ;;
  esac
}

# Records a file's content. $1 how much: head (first $2 bytes), whole, block
# (cpuinfo's first processor, at most $2 bytes), config, log or mounts (only
# the lines detection uses); $3 the guest path; $4 more attributes.
c_take() {
  t_how=$1
  t_max=$2
  t_extra=$4
  if ! resolve "$3"; then
    rec_path missing "$3"
    return 0
  fi
  t_host=$FCD_ROOT$R
  if [ -d "$t_host" ]; then
    rec_path dir "$R"
  elif [ ! -f "$t_host" ]; then
    rec_path other "$R"
  elif [ ! -r "$t_host" ]; then
    rec_path unreadable "$R"
  elif seen "$R"; then
    # Only the GRUB config's mode and owner are used (the outputs get them).
    t_attrs=
    case $t_extra in
      *role=grub-conf*)
        owner_attrs "$t_host"
        t_attrs=$O_ATTRS
        ;;
    esac
    case $t_how in
      head | block) t_attrs="$t_attrs max=$t_max" ;;
    esac
    rec_begin file "$t_attrs part=$t_how$t_extra"
    rec_val p "$R"
    rec_meta
    t_od=$(content "$t_how" "$t_max" "$t_host")
    # A config's last line without its newline: sed keeps it so; detection
    # gets whole lines, as from grep before. od's lines hold 16 bytes.
    case $t_how$t_od in
      config | config*0a | [!c]*) ;;
      *)
        IFS=$NL
        for t_last in $t_od; do :; done
        IFS=$WS_IFS
        set -- $t_last
        if [ $# -lt 16 ]; then t_od="$t_od 0a"; else t_od="$t_od$NL 0a"; fi
        ;;
    esac
    rec_data "$t_od"
  fi
}

# The bytes of a file as `od -An -v -tx1` lines (see c_take). Run only in a
# command substitution: a lone od replaces its subshell (exec), one process
# fewer.
content() {
  case $1 in
    head) exec od -An -v -tx1 -N "$2" "$3" ;;
    whole) exec od -An -v -tx1 "$3" ;;
    block) sed '/^$/q' "$3" | od -An -v -tx1 -N "$2" ;;
    config) sed -n "$CONFIG_SED" "$3" | od -An -v -tx1 ;;
    log) log_lines "$3" | od -An -v -tx1 -N $LOG_TAIL ;;
    mounts) grep -E '^[^ ]+ /(boot(/[^ ]*)?)? ' "$3" | od -An -v -tx1 ;;
  esac
}

# A command's output (stderr dropped) and exit status; $2 whole, or log for log_grep's lines.
c_cmd() {
  k_name=$1
  k_how=$2
  shift 2
  k_out=$("$@")
  k_st=$?
  rec_begin cmd " name=$k_name status=$k_st part=$k_how"
  rec_meta
  if [ -z "$k_out" ]; then
    rec_data ''
  elif [ "$k_how" = log ]; then
    rec_data "$(printf '%s\n' "$k_out" | log_grep | od -An -v -tx1 -N $LOG_TAIL)"
  else
    c_out "$k_out"
  fi
}

# The data of a command's whole output ($1, its final newlines cut): hex by
# this shell when it is short printable text (uname, the daemons), else by od.
c_out() {
  case $1 in
    *[!\ -~"$NL"]*) ;;
    *)
      if [ ${#1} -le 512 ]; then
        text_od "$1$NL"
        rec_data "$OD"
        return 0
      fi
      ;;
  esac
  rec_data "$(printf '%s\n' "$1" | od -An -v -tx1 -N $LOG_TAIL)"
}

# uname -r, -m and -n as three commands would record them, from one uname
# (it prints nodename, release and machine in that order, whatever the order
# of the flags): when its answer is not exactly three words, one uname each.
c_uname() {
  u_out=$(uname -n -r -m)
  u_st=$?
  set -- $u_out
  if [ "$u_st" -eq 0 ] && [ $# -eq 3 ] && [ "$u_out" = "$1 $2 $3" ]; then
    c_said uname-r "$2"
    c_said uname-m "$3"
    c_said uname-n "$1"
  else
    c_cmd uname-r whole uname -r
    c_cmd uname-m whole uname -m
    c_cmd uname-n whole uname -n
  fi
}

# The record of a command that said $2 (status 0), as c_cmd makes it.
c_said() {
  rec_begin cmd " name=$1 status=0 part=whole"
  rec_meta
  c_out "$2"
}

# ---- directories ---------------------------------------------------------

# Records a directory (resolved) and sets R to it; fails when it is none.
c_dir() {
  if ! resolve "$1"; then
    rec_path missing "$1"
    return 1
  fi
  if [ ! -d "$FCD_ROOT$R" ]; then
    rec_path other "$R"
    return 1
  fi
  rec_path dir "$R"
}

# Records the entries of directory $1 whose names match the patterns $2...,
# links with their target, anything else as "exists" (detection only lists them).
c_entries() {
  c_dir "$1" || return 0
  d_dir=$R
  shift
  for d_pat in "$@"; do
    set +f
    for d_f in "$FCD_ROOT$d_dir"/$d_pat; do
      set -f
      c_entry "$d_dir/${d_f##*/}"
    done
    set -f
  done
}

# An entry detection only lists or tests for: a link with its target, a
# directory, anything else as "exists"; nothing when it is not there.
c_entry() {
  if [ -h "$FCD_ROOT$1" ]; then
    link_target "$1"
  elif [ -d "$FCD_ROOT$1" ]; then
    rec_path dir "$1"
  elif [ -e "$FCD_ROOT$1" ]; then
    rec_path exists "$1"
  fi
}

# /boot/config-*, only the lines detection uses.
c_configs() {
  c_dir "$1" || return 0
  b_dir=$R
  set +f
  for b_f in "$FCD_ROOT$b_dir"/config-*; do
    set -f
    if [ -e "$b_f" ] || [ -h "$b_f" ]; then c_take config 0 "$b_dir/${b_f##*/}"; fi
  done
  set -f
}

# ---- NTP and GRUB --------------------------------------------------------

# What ntp.ts looks at: /etc, chkconfig start links, systemd wants links, and
# the daemons' binaries, init scripts and units (only whether they exist).
c_ntp() {
  c_dir /etc
  for n_d in /etc/rc.d/rc3.d /etc/rc.d/rc5.d /etc/rc3.d /etc/rc5.d; do
    c_entries "$n_d" 'S[0-9][0-9]ntpd' 'S[0-9][0-9]ntp' 'S[0-9][0-9]ntpsec' \
      'S[0-9][0-9]chronyd' 'S[0-9][0-9]chrony'
  done
  c_entries /etc/systemd/system/multi-user.target.wants ntpd.service ntp.service \
    ntpsec.service chronyd.service chrony.service
  for n_p in /usr/sbin/ntpd /etc/rc.d/init.d/ntpd /etc/init.d/ntpd \
    /usr/lib/systemd/system/ntpd.service /usr/sbin/chronyd /etc/rc.d/init.d/chronyd \
    /etc/init.d/chronyd /usr/lib/systemd/system/chronyd.service \
    /lib/systemd/system/chrony.service; do
    if resolve "$n_p"; then
      if [ -d "$FCD_ROOT$R" ]; then rec_path dir "$R"; else rec_path exists "$R"; fi
    else
      rec_path missing "$n_p"
    fi
  done
}

# Which of ntpd and chronyd run (check reads it): "processes N", then "PID
# NAME" for each, from /proc/<pid>/stat, which every kernel has (comm arrived
# in 2.6.33). One cat and one sed, whatever the number of processes.
ntp_procs() {
  p_n=0
  set +f
  for p_d in "$FCD_ROOT"/proc/[0-9]*; do
    [ -d "$p_d" ] && p_n=$((p_n + 1))
  done
  echo "processes $p_n"
  [ "$p_n" -gt 0 ] || return 0
  cat "$FCD_ROOT"/proc/[0-9]*/stat |
    sed -n -e 's/^\([0-9][0-9]*\) (\(ntpd\)) .*/\1 \2/p' -e 's/^\([0-9][0-9]*\) (\(chronyd\)) .*/\1 \2/p'
  set -f
}

# GRUB legacy's config as input.ts locates it (grub.conf, else menu.lst, else
# what /etc/grub.conf points at) byte for byte, and the savedefault file beside it.
c_grub() {
  for u_c in /boot/grub/grub.conf /boot/grub/menu.lst /etc/grub.conf; do
    if resolve "$u_c"; then
      u_real=$R
      rec_path grub "$u_c"
      c_take whole '' "$u_c" ' role=grub-conf'
      c_take head 4096 "${u_real%/*}/default" ' role=grub-default'
      # A run before may have left its pair beside grub.conf: a rerun then finds it current.
      c_take whole '' "$u_real.kvm" ' role=grub-kvm'
      c_take whole '' "$u_real.kvm.diff" ' role=grub-kvm-diff'
      return 0
    fi
    rec_path missing "$u_c"
  done
}
