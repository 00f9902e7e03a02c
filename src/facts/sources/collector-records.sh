# shellcheck shell=sh
# Part of the fix-clock-drift collector (collector.sh includes it where it
# says @FCD_PARTS@): numbered, checksummed records, and guest paths.
# Fields are split on purpose (globbing is off: set -f in collector.sh).
# shellcheck disable=SC2046,SC2086

NL='
'
# The shells' default IFS (space, tab, newline), restored after splitting on lines.
WS_IFS="$(printf ' \t')$NL"
ASCII=' !"#$%&'"'"'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
Q64='????????????????????????????????????????????????????????????????'
N=0
SEEN=$NL

# ---- records -------------------------------------------------------------

# Starts record N+1: "@N kind attrs".
rec_begin() {
  N=$((N + 1))
  META="@$N $1$2$NL"
}

# Adds a value as "$1 chunk" lines of at most 64 characters: raw when it is
# made of safe characters, else "x:" and its bytes in hex.
rec_val() {
  v_val=$2
  case $v_val in
    '' | x:* | *[!A-Za-z0-9._/+,:@~-]*) v_val="x:$(hex_of "$v_val")" ;;
  esac
  while [ ${#v_val} -gt 64 ]; do
    # shellcheck disable=SC2295 # Q64 is a pattern: 64 characters
    v_rest=${v_val#$Q64}
    META="$META$1 ${v_val%"$v_rest"}$NL"
    v_val=$v_rest
  done
  META="$META$1 $v_val$NL"
}

hex_of() {
  set -- $(printf '%s' "$1" | od -An -v -tx1)
  h_out=
  for h_x in "$@"; do h_out=$h_out$h_x; done
  printf '%s' "$h_out"
}

# Prints the record's text lines and starts its Adler-32 (A, B) with them.
# Each character's code is its place in ASCII: no process per record (a fork
# costs more than all this arithmetic, and posh has no printf builtin).
rec_meta() {
  m_txt=${META%"$NL"}
  echo "$m_txt"
  A=1
  B=0
  m_left=$META
  while [ -n "$m_left" ]; do
    m_rest=${m_left#?}
    m_c=${m_left%"$m_rest"}
    m_left=$m_rest
    if [ "$m_c" = "$NL" ]; then
      m_x=10
    else
      m_pre=${ASCII%%"$m_c"*}
      m_x=$((32 + ${#m_pre}))
    fi
    A=$(((A + m_x) % 65521))
    B=$(((B + A) % 65521))
  done
}

# Sets OD to what `od -An -v -tx1` prints of $1, 16 bytes a line, computed
# in this shell: for short outputs of printable ASCII and newlines (c_cmd
# checks), where starting od would cost more than this loop.
text_od() {
  s_left=$1
  s_line=
  s_k=0
  OD=
  while [ -n "$s_left" ]; do
    s_rest=${s_left#?}
    s_c=${s_left%"$s_rest"}
    s_left=$s_rest
    if [ "$s_c" = "$NL" ]; then
      s_line="$s_line 0a"
    else
      s_pre=${ASCII%%"$s_c"*}
      s_x=$((32 + ${#s_pre}))
      s_d=$((s_x % 16))
      case $s_d in 10) s_d=a ;; 11) s_d=b ;; 12) s_d=c ;; 13) s_d=d ;; 14) s_d=e ;; 15) s_d=f ;; esac
      s_line="$s_line $((s_x / 16))$s_d"
    fi
    s_k=$((s_k + 1))
    if [ "$s_k" -eq 16 ]; then
      OD=$OD$s_line$NL
      s_line=
      s_k=0
    fi
  done
  [ -z "$s_line" ] || OD=$OD$s_line$NL
}

# Appends the 4 lowercase hex digits of $1 to H.
hex4() {
  x_v=$1
  x_out=
  for _ in 1 2 3 4; do
    x_d=$((x_v % 16))
    x_v=$((x_v / 16))
    case $x_d in 10) x_d=a ;; 11) x_d=b ;; 12) x_d=c ;; 13) x_d=d ;; 14) x_d=e ;; 15) x_d=f ;; esac
    x_out=$x_d$x_out
  done
  H=$H$x_out
}

# ".N size=S adler=H": the record's end.
rec_end() {
  H=
  hex4 "$B"
  hex4 "$A"
  echo ".$N size=$1 adler=$H"
}

# Takes `od -An -v -tx1` lines ($1), prints them as bare hex and ends the
# record with its size and Adler-32, 16 bytes per shell arithmetic step. The
# lines come as an argument, not on a pipe: a pipe costs a process, and the
# record is then summed in this shell.
rec_data() {
  e_n=0
  IFS=$NL
  for e_l in $1; do
    IFS=$WS_IFS
    set -- $e_l
    [ $# -gt 0 ] || continue
    e_s=$((0x${1:-0} + 0x${2:-0} + 0x${3:-0} + 0x${4:-0} + 0x${5:-0} + 0x${6:-0} + 0x${7:-0} + 0x${8:-0} + 0x${9:-0} + 0x${10:-0} + 0x${11:-0} + 0x${12:-0} + 0x${13:-0} + 0x${14:-0} + 0x${15:-0} + 0x${16:-0}))
    e_w=$((0x${1:-0} + 2 * 0x${2:-0} + 3 * 0x${3:-0} + 4 * 0x${4:-0} + 5 * 0x${5:-0} + 6 * 0x${6:-0} + 7 * 0x${7:-0} + 8 * 0x${8:-0} + 9 * 0x${9:-0} + 10 * 0x${10:-0} + 11 * 0x${11:-0} + 12 * 0x${12:-0} + 13 * 0x${13:-0} + 14 * 0x${14:-0} + 15 * 0x${15:-0} + 16 * 0x${16:-0}))
    B=$(((B + $# * A + ($# + 1) * e_s - e_w) % 65521))
    A=$(((A + e_s) % 65521))
    e_n=$((e_n + $#))
    echo "$1$2$3$4$5$6$7$8$9${10}${11}${12}${13}${14}${15}${16}"
  done
  IFS=$WS_IFS
  rec_end "$e_n"
}

# A record about a path alone: dir, exists, other, missing, unreadable, grub.
# Each path is recorded once (grub names a path that has its own record).
rec_path() {
  [ "$1" = grub ] || seen "$2" || return 0
  rec_begin "$1" "$3"
  rec_val p "$2"
  rec_meta
  rec_end 0
}

seen() {
  case $SEEN in
    *"$NL$1$NL"*) return 1 ;;
  esac
  SEEN=$SEEN$1$NL
}

# ---- paths ---------------------------------------------------------------

# Resolves a guest path as the guest's kernel would (symlinks followed inside
# FCD_ROOT, ".." stopping at the root), recording each symlink met. Sets R to
# the real path; fails when a component is missing or not a directory.
resolve() {
  r_todo=${1#/}
  R=
  r_hops=0
  while [ -n "$r_todo" ]; do
    case $r_todo in
      */*)
        r_c=${r_todo%%/*}
        r_todo=${r_todo#*/}
        ;;
      *)
        r_c=$r_todo
        r_todo=
        ;;
    esac
    case $r_c in
      '' | .) continue ;;
      ..)
        R=${R%/*}
        continue
        ;;
    esac
    r_p=$R/$r_c
    if [ -h "$FCD_ROOT$r_p" ]; then
      r_hops=$((r_hops + 1))
      [ "$r_hops" -le 40 ] || return 1
      link_target "$r_p" || return 1
      case $T in /*) R= ;; esac
      r_todo=$T/$r_todo
    elif [ -e "$FCD_ROOT$r_p" ]; then
      R=$r_p
      [ -z "$r_todo" ] || [ -d "$FCD_ROOT$r_p" ] || return 1
    else
      return 1
    fi
  done
  [ -n "$R" ] || R=/
}

# Sets T to a symlink's target (from `ls -ld`: no readlink on RHEL 3) and records the link.
link_target() {
  l_out=$(ls -ld -- "$FCD_ROOT$1")
  l_pre=" $FCD_ROOT$1 -> "
  T=${l_out#*"$l_pre"}
  [ "$T" != "$l_out" ] || return 1
  seen "$1" || return 0
  rec_begin link ''
  rec_val p "$1"
  rec_val t "$T"
  rec_meta
  rec_end 0
}
