# shellcheck shell=sh disable=SC2154,SC2153
# (SC2154, SC2153: the fcdw_* variables read here are set through eval, the
# FCDW_* parameters by the text put before this one.)
# fix-clock-drift writer, protocol 1: puts files in one directory of a guest
# as a set, all of them or none, under a lock.
#
# It runs on any POSIX sh back to RHEL 3's bash 2.05b, busybox ash and dash,
# with only printf, cat, wc, md5sum, ls, ln, mv, rm, chmod, chown, sed, sync
# and the builtins (test, kill, eval, trap). It is sent after the parameters
# and data that write-script.ts puts before it, all in one { ... } group: the
# shell parses the whole before it runs any of it, so a script cut short in
# transit is a syntax error and nothing runs.
#
# Parameters (shell variables set before this text):
#   FCDW_DIR    the directory, absolute     FCDW_LOCK  the lock's name in it
#   FCDW_WHO    who writes (into the lock)  FCDW_SYNC  1: sync before and after
#   FCDW_N      files to put in place, i = 1..N, in this order:
#     FCDW_NAME_i FCDW_SIZE_i FCDW_MD5_i    name in FCDW_DIR, expected size and md5
#     FCDW_MODE_i FCDW_OWNER_i              chmod mode, chown uid:gid (empty: none)
#     FCDW_REPLACE_i                        1: may replace a regular file there
#     fcdw_data_i                           a function printing the file's bytes
#   FCDW_EXPECT_N  files that must be as the workstation saw them, j = 1..N:
#     FCDW_EXPECT_NAME_j FCDW_EXPECT_MD5_j  md5, or "absent"
#
# Status lines on stdout, each "FCDW <word> ...", are the protocol (see
# write-status.ts): start, lock-held, changed, exists, notfile, error,
# staged, put (one per file), placed, done; after a failure, undone (and a
# "left" line for anything that could not be removed). Exit status: 0 done,
# 1 refused or failed, 3 aborted (a signal, or nobody reading any more: the
# connection dropped).

# A status line. Failing to write one means the workstation is gone: undo.
fcdw_say() {
  printf 'FCDW %s\n' "$*" || fcdw_abort dropped
}

# First lines of a command's message, on one line.
fcdw_line() {
  # shellcheck disable=SC2016 # a sed script, not a shell expansion
  printf '%s\n' "$1" | sed -n '1h;1!H;${x;s/\n/ | /g;p;}'
}

# Whether two paths are the same file (test -ef is not in POSIX test).
fcdw_same() {
  fcdw_a=$(ls -di "$1" "$2" 2>/dev/null) || return 1
  # shellcheck disable=SC2086 # inode path inode path (paths have no blanks)
  set -- $fcdw_a
  [ "$1" = "$3" ]
}

fcdw_md5() {
  fcdw_h=$(md5sum < "$1") || return 1
  # shellcheck disable=SC2086 # "hash  -": the first word
  set -- $fcdw_h
  fcdw_h=$1
}

fcdw_names() {
  eval "fcdw_n=\$FCDW_NAME_$1"
  fcdw_t=$FCDW_DIR/$fcdw_n
  fcdw_tmp=$FCDW_DIR/.$fcdw_n.$$.tmp
  fcdw_new=$FCDW_DIR/.$fcdw_n.$$.new
  fcdw_old=$FCDW_DIR/.$fcdw_n.$$.old
}

# Removes a path if it is there (a test costs no process, rm does).
fcdw_gone() {
  if [ -e "$1" ] || [ -h "$1" ]; then
    rm -f "$1"
    if [ -e "$1" ] || [ -h "$1" ]; then printf 'FCDW left %s\n' "$1" 2>/dev/null; fi
  fi
}

# Takes back whatever this run put in place (a target is ours when it is the
# same file as our temp, which stays until the end), then removes the temp
# files and the lock. Safe at any point, and to run twice.
fcdw_undo() {
  fcdw_i=$FCDW_N
  while [ "$fcdw_i" -ge 1 ]; do
    fcdw_names "$fcdw_i"
    if [ "$fcdw_done" != 1 ] && fcdw_same "$fcdw_t" "$fcdw_tmp"; then
      if [ -f "$fcdw_old" ]; then mv -f "$fcdw_old" "$fcdw_t"; else fcdw_gone "$fcdw_t"; fi
    fi
    fcdw_gone "$fcdw_new"
    fcdw_gone "$fcdw_old"
    fcdw_gone "$fcdw_tmp"
    fcdw_i=$((fcdw_i - 1))
  done
  if fcdw_same "$fcdw_lock" "$fcdw_locktmp"; then fcdw_gone "$fcdw_lock"; fi
  fcdw_gone "$fcdw_locktmp"
}

# The set is final: its temp names, kept links and the lock go, in one rm.
fcdw_finish() {
  fcdw_list=$fcdw_locktmp
  fcdw_i=1
  while [ "$fcdw_i" -le "$FCDW_N" ]; do
    fcdw_names "$fcdw_i"
    fcdw_list="$fcdw_list $fcdw_tmp $fcdw_new $fcdw_old"
    fcdw_i=$((fcdw_i + 1))
  done
  # shellcheck disable=SC2086 # a list of paths without blanks
  rm -f "$fcdw_lock" $fcdw_list
}

fcdw_abort() {
  trap '' INT TERM HUP PIPE
  trap - 0
  fcdw_undo
  printf 'FCDW aborted %s\nFCDW undone\n' "$1" 2>/dev/null
  exit 3
}

# Refuses or fails: says why, undoes, stops.
fcdw_stop() {
  trap '' INT TERM HUP PIPE
  trap - 0
  printf 'FCDW %s\n' "$*" 2>/dev/null
  fcdw_undo
  printf 'FCDW undone\n' 2>/dev/null
  exit 1
}

fcdw_fail() {
  fcdw_stop error "$1" "$2" "$(fcdw_line "$3")"
}

fcdw_take_lock() {
  fcdw_err=$( { printf '%s\n%s\n' "$$" "$FCDW_WHO" > "$fcdw_locktmp"; } 2>&1) ||
    fcdw_fail lock - "$fcdw_err"
  fcdw_err=$(ln "$fcdw_locktmp" "$fcdw_lock" 2>&1) && return 0
  if [ -e "$fcdw_lock" ] || [ -h "$fcdw_lock" ]; then
    fcdw_pid=$(sed -n '1p' "$fcdw_lock" 2>/dev/null)
    fcdw_who=$(sed -n '2p' "$fcdw_lock" 2>/dev/null)
    case $fcdw_pid in
      '' | *[!0-9]*) fcdw_state=unknown fcdw_pid=- ;;
      *) if kill -0 "$fcdw_pid" 2>/dev/null; then fcdw_state=alive; else fcdw_state=gone; fi ;;
    esac
    fcdw_stop lock-held "$fcdw_state" "$fcdw_pid" "$fcdw_who"
  fi
  fcdw_fail lock - "$fcdw_err"
}

fcdw_check_expected() {
  fcdw_j=1
  while [ "$fcdw_j" -le "$FCDW_EXPECT_N" ]; do
    eval "fcdw_f=\$FCDW_DIR/\$FCDW_EXPECT_NAME_$fcdw_j fcdw_m=\$FCDW_EXPECT_MD5_$fcdw_j"
    if [ "$fcdw_m" = absent ]; then
      if [ -e "$fcdw_f" ] || [ -h "$fcdw_f" ]; then fcdw_stop changed "$fcdw_j" present; fi
    elif [ ! -f "$fcdw_f" ]; then
      fcdw_stop changed "$fcdw_j" missing
    else
      fcdw_md5 "$fcdw_f" || fcdw_fail read "$fcdw_j" "cannot read $fcdw_f"
      [ "$fcdw_h" = "$fcdw_m" ] || fcdw_stop changed "$fcdw_j" different
    fi
    fcdw_j=$((fcdw_j + 1))
  done
}

fcdw_check_targets() {
  fcdw_i=1
  while [ "$fcdw_i" -le "$FCDW_N" ]; do
    fcdw_names "$fcdw_i"
    eval "fcdw_r=\$FCDW_REPLACE_$fcdw_i"
    if [ -h "$fcdw_t" ]; then
      fcdw_stop notfile "$fcdw_i" symlink
    elif [ -d "$fcdw_t" ]; then
      fcdw_stop notfile "$fcdw_i" directory
    elif [ -e "$fcdw_t" ]; then
      [ -f "$fcdw_t" ] || fcdw_stop notfile "$fcdw_i" special
      [ "$fcdw_r" = 1 ] || fcdw_stop exists "$fcdw_i"
    fi
    fcdw_i=$((fcdw_i + 1))
  done
}

# Writes file i to its temp file (umask 077: nobody else reads it meanwhile),
# checks its md5 (and, if that differs, its size), and gives it its owner and
# mode (unless every file has the same: fcdw_main then gives them to all at
# once, two processes in all).
fcdw_stage() {
  fcdw_names "$1"
  eval "fcdw_s=\$FCDW_SIZE_$1 fcdw_m=\$FCDW_MD5_$1 fcdw_mode=\$FCDW_MODE_$1 fcdw_own=\$FCDW_OWNER_$1"
  fcdw_gone "$fcdw_tmp"
  # cat reports a failed write (a full disk); a shell's printf may not.
  fcdw_err=$( { "fcdw_data_$1" | cat > "$fcdw_tmp"; } 2>&1) || fcdw_fail write "$1" "$fcdw_err"
  fcdw_md5 "$fcdw_tmp"
  fcdw_read=$?
  if [ "$fcdw_read" -ne 0 ] || [ "$fcdw_h" != "$fcdw_m" ]; then
    # Only now its size (a process fewer when all is well): a short write
    # is said as one, before an unreadable or different file.
    # shellcheck disable=SC2046 # some wc pad the count with blanks
    set -- "$1" $(wc -c < "$fcdw_tmp")
    [ "$2" = "$fcdw_s" ] || fcdw_fail write "$1" "wrote $2 of $fcdw_s bytes $fcdw_err"
    [ "$fcdw_read" -eq 0 ] || fcdw_fail check "$1" "cannot read it back"
    fcdw_fail check "$1" "md5 $fcdw_h, not $fcdw_m"
  fi
  [ "$fcdw_alike" = 1 ] && return 0
  fcdw_own_mode "$1" "$fcdw_own" "$fcdw_mode" "$fcdw_tmp"
}

# Gives file(s) $4... of index $1 owner $2 (empty: none) and mode $3.
fcdw_own_mode() {
  fcdw_x=$1
  fcdw_o=$2
  fcdw_p=$3
  shift 3
  if [ -n "$fcdw_o" ]; then
    fcdw_err=$(chown "$fcdw_o" "$@" 2>&1) || fcdw_fail chown "$fcdw_x" "$fcdw_err"
  fi
  fcdw_err=$(chmod "$fcdw_p" "$@" 2>&1) || fcdw_fail chmod "$fcdw_x" "$fcdw_err"
}

# Whether every file has file 1's owner and mode (a request from
# write-script.ts always does): then one chown and one chmod serve them all.
fcdw_all_alike() {
  fcdw_alike=1
  fcdw_i=2
  while [ "$fcdw_i" -le "$FCDW_N" ]; do
    eval "fcdw_o=\$FCDW_OWNER_$fcdw_i fcdw_p=\$FCDW_MODE_$fcdw_i"
    [ "$fcdw_o" = "$FCDW_OWNER_1" ] && [ "$fcdw_p" = "$FCDW_MODE_1" ] || fcdw_alike=0
    fcdw_i=$((fcdw_i + 1))
  done
}

# Puts file i in place: a new name with ln, which fails if the name exists;
# a replacement with mv (rename), after keeping the old file as a hard link
# so that an undo can put it back.
fcdw_place() {
  fcdw_names "$1"
  eval "fcdw_r=\$FCDW_REPLACE_$1"
  if [ "$fcdw_r" = 1 ] && [ -f "$fcdw_t" ] && [ ! -h "$fcdw_t" ]; then
    fcdw_err=$(ln "$fcdw_t" "$fcdw_old" 2>&1) || fcdw_fail keep "$1" "$fcdw_err"
    fcdw_err=$(ln "$fcdw_tmp" "$fcdw_new" 2>&1) || fcdw_fail place "$1" "$fcdw_err"
    fcdw_err=$(mv -f "$fcdw_new" "$fcdw_t" 2>&1) || fcdw_fail place "$1" "$fcdw_err"
    fcdw_say put "$1" replaced
  else
    if fcdw_err=$(ln "$fcdw_tmp" "$fcdw_t" 2>&1); then
      fcdw_say put "$1" new
      return 0
    fi
    if [ -e "$fcdw_t" ] || [ -h "$fcdw_t" ]; then fcdw_stop exists "$1"; fi
    fcdw_fail place "$1" "$fcdw_err"
  fi
}

fcdw_main() {
  LC_ALL=C
  export LC_ALL
  umask 077
  fcdw_done=0
  fcdw_lock=$FCDW_DIR/$FCDW_LOCK
  fcdw_locktmp=$fcdw_lock.$$.tmp
  trap 'fcdw_undo' 0
  trap 'fcdw_abort signal' INT TERM HUP
  trap 'fcdw_abort dropped' PIPE
  fcdw_say start 1 $$
  [ -d "$FCDW_DIR" ] || fcdw_stop error dir - "no such directory"
  fcdw_take_lock
  fcdw_check_expected
  fcdw_check_targets
  fcdw_all_alike
  fcdw_i=1
  fcdw_list=
  while [ "$fcdw_i" -le "$FCDW_N" ]; do
    fcdw_stage "$fcdw_i"
    fcdw_list="$fcdw_list $fcdw_tmp"
    fcdw_i=$((fcdw_i + 1))
  done
  # shellcheck disable=SC2086 # a list of paths without blanks
  if [ "$fcdw_alike" = 1 ]; then fcdw_own_mode 1 "$FCDW_OWNER_1" "$FCDW_MODE_1" $fcdw_list; fi
  fcdw_say staged
  # Install: the backup and the new file are on disk before anything is renamed.
  if [ "$FCDW_SYNC" = 1 ]; then sync; fi
  fcdw_i=1
  while [ "$fcdw_i" -le "$FCDW_N" ]; do
    fcdw_place "$fcdw_i"
    fcdw_i=$((fcdw_i + 1))
  done
  # The last moment the workstation can be told before the set is final.
  fcdw_say placed
  fcdw_done=1
  fcdw_finish
  if [ "$FCDW_SYNC" = 1 ]; then sync; fi
  trap - 0
  fcdw_say 'done'
  exit 0
}
