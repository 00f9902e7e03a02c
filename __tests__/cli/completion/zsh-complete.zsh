# zsh -f zsh-complete.zsh SCRIPT LINE...
# Types each LINE and a TAB into an interactive zsh (run under zpty) in which
# compinit has run and SCRIPT is sourced; prints each word completion offered
# as "LINE<TAB>WORD". compadd is wrapped to print what it adds; a completer
# wrapping _complete marks the end of each completion's output.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PS1= PROMPT= RPROMPT=; unsetopt zle_bracketed_paste 2>/dev/null'
zpty -w z "autoload -Uz compinit && compinit -u -D && source ${(q)1}"
zpty -w z 'bindkey "^I" complete-word; bindkey "^U" kill-whole-line'
zpty -w z 'zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false'
zpty -w z '_marked() { _complete; local r=$?; print -rn -- "<<""END>>"; return r }; zstyle ":completion:*" completer _marked'
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) && print -rl -- HIT:${^__hits}; builtin compadd "$@" }'
zpty -w z 'print -r -- SETUP-DONE'
local line
while zpty -r z line; do [[ $line == *SETUP-DONE* && $line != *print* ]] && break; done
shift
for typed in "$@"; do
  zpty -w -n z "$typed"$'\t'
  local out=
  zpty -r z out '*<<END>>*' || { print -u2 "no answer for: $typed"; exit 1 }
  for line in ${(f)out//$'\r'/}; do
    [[ $line == *HIT:* ]] && print -r -- "$typed"$'\t'${line#*HIT:}
  done
  zpty -w -n z $'\C-u'
done
zpty -d z
