# shellcheck shell=sh disable=SC2154
# (SC2154: the FCDR_* parameters are set by the text read-script.ts puts
# before this one.)
# fix-clock-drift reader, protocol 1: finds grub.conf on a guest, follows
# its symlinks to the real file, and prints that file and the ones beside it
# that install and rollback decide from (grub.conf.kvm, its diff, a backup),
# with grub.conf's permissions and owner and the names of its backups.
# Read-only: it writes nothing.
#
# It runs on any POSIX sh back to RHEL 3's bash 2.05b, busybox ash and dash,
# with only ls, wc and cat besides the builtins (no readlink on RHEL 3).
#
# Parameters (shell variables set before this text):
#   FCDR_CONF      the path to use, or empty: the first of /boot/grub/grub.conf,
#                  /boot/grub/menu.lst, /etc/grub.conf that exists
#   FCDR_N         files to print, i = 1..N: FCDR_SUFFIX_i is appended to
#                  the real path ('' is grub.conf itself)
#   FCDR_MAX       the largest file printed, in bytes
#
# Status lines on stdout, "FCDR <word> ...": start, conf PATH, real PATH,
# ls LINE (ls -lnd of the real file), then per file either "file I size N",
# N bytes, a newline and "end I", or "file I missing|symlink|special|
# unreadable|toolarge"; "backup NAME" per backup; done. On failure: none
# (no config found) or unresolved PATH (a dangling or looping link).

fcdr_say() {
  printf 'FCDR %s\n' "$*"
}

# Sets T to a symlink's target, from `ls -ld` (RHEL 3 has no readlink).
fcdr_target() {
  fcdr_l=$(ls -ld -- "$1") || return 1
  T=${fcdr_l#*" $1 -> "}
  [ "$T" != "$fcdr_l" ]
}

# Sets R to the real file $1 names: links of its last component followed,
# then its directory made physical by cd -P, which follows the others.
fcdr_resolve() {
  R=$1
  fcdr_hops=0
  while [ -h "$R" ]; do
    fcdr_hops=$((fcdr_hops + 1))
    [ "$fcdr_hops" -le 40 ] || return 1
    fcdr_target "$R" || return 1
    case $T in
      /*) R=$T ;;
      *) R=${R%/*}/$T ;;
    esac
  done
  [ -f "$R" ] || return 1
  fcdr_d=$(cd -P "${R%/*}/" && pwd -P) || return 1
  R=${fcdr_d%/}/${R##*/}
}

# Prints file $1 (the real path with suffix $2 appended), framed by its size.
fcdr_file() {
  fcdr_f=$R$2
  if [ -h "$fcdr_f" ]; then
    fcdr_say file "$1" symlink
  elif [ ! -e "$fcdr_f" ]; then
    fcdr_say file "$1" missing
  elif [ ! -f "$fcdr_f" ]; then
    fcdr_say file "$1" special
  elif [ ! -r "$fcdr_f" ]; then
    fcdr_say file "$1" unreadable
  else
    # shellcheck disable=SC2046 # some wc pad the count with blanks
    set -- "$1" $(wc -c < "$fcdr_f")
    if [ -z "$2" ]; then
      fcdr_say file "$1" unreadable
    elif [ "$2" -gt "$FCDR_MAX" ]; then
      fcdr_say file "$1" toolarge
    else
      fcdr_say file "$1" size "$2"
      cat "$fcdr_f"
      # A file that grew or shrank since wc counted it breaks the frame: the reader sees it.
      printf '\n'
      fcdr_say end "$1"
    fi
  fi
}

fcdr_main() {
  LC_ALL=C
  export LC_ALL
  unset CDPATH
  fcdr_say start 1
  if [ -n "$FCDR_CONF" ]; then
    set -- "$FCDR_CONF"
  else
    set -- /boot/grub/grub.conf /boot/grub/menu.lst /etc/grub.conf
  fi
  for fcdr_c in "$@"; do
    if [ -e "$fcdr_c" ] || [ -h "$fcdr_c" ]; then
      fcdr_resolve "$fcdr_c" || {
        fcdr_say unresolved "$fcdr_c"
        exit 1
      }
      fcdr_say conf "$fcdr_c"
      fcdr_say real "$R"
      fcdr_say ls "$(ls -lnd -- "$R")"
      fcdr_i=1
      while [ "$fcdr_i" -le "$FCDR_N" ]; do
        eval "fcdr_s=\$FCDR_SUFFIX_$fcdr_i"
        fcdr_file "$fcdr_i" "$fcdr_s"
        fcdr_i=$((fcdr_i + 1))
      done
      for fcdr_b in "$R".bak-*; do
        if [ -f "$fcdr_b" ] && [ ! -h "$fcdr_b" ]; then fcdr_say backup "${fcdr_b##*/}"; fi
      done
      fcdr_say 'done'
      exit 0
    fi
  done
  fcdr_say none
  exit 1
}
