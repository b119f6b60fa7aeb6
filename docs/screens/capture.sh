#!/bin/sh
# Makes the captures in this folder from real tmux runs of the bundled lab on a fresh sandbox:
#   es-*-80x24.txt  the Spanish interface at 80x24 (a student's terminal): opened, Paso 1 run, F1 help, Tarea 3 Paso 6
#                   (instructions wrapped at word boundaries), Tarea 2 Paso 5 after autovacuum and its Ctrl+G plot
#   en-*-120x40.txt the English interface at 120x40: opened, Tarea 2 Paso 1 run, F1 help; docs/screen.txt is Paso 1 run
# Run from the repository after `dotnet build` (`capture.sh es` or `capture.sh en` for one language) (needs tmux and PostgreSQL, as the tests do). Takes 2-4 minutes: Tarea 2
# fills a table with a million rows and Paso 5 waits for autovacuum.
set -eu
cd "$(dirname "$0")/../.."
out=docs/screens
dll=LabRunner/bin/Debug/net10.0/labrunner.dll
[ -f "$dll" ] || { echo "build first: dotnet build" >&2; exit 2; }
temp=$(mktemp -d /tmp/lr-capture-XXXXXX)
chmod 755 "$temp" # the postgres user traverses to its sandbox
session=lr-capture-$$
cleanup() {
  for s in $(tmux ls -F '#{session_name}' 2>/dev/null | grep "^lr-capture-$$-"); do tmux kill-session -t "$s"; done
  # labrunner removes its sandbox on the way out; the folder goes once it has
  for _ in $(seq 1 100); do rm -rf "$temp" 2>/dev/null && break; sleep 0.2; done
}
trap cleanup EXIT INT TERM

screen() { tmux capture-pane -p -t "$session"; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT
wait_for() {
  limit=$(( ${2:-60} * 10 ))
  i=0
  until screen | grep -qF -- "$1"; do
    i=$((i + 1))
    [ "$i" -le "$limit" ] || { echo "timed out waiting for: $1" >&2; screen >&2; exit 1; }
    sleep 0.1
  done
}
# key KEY TEXT [SECONDS]: press KEY, wait for TEXT (a key pressed while the screen was still settling is pressed again)
key() {
  for _ in 1 2; do
    tmux send-keys -t "$session" "$1"
    for _ in $(seq 1 50); do screen | grep -qF -- "$2" && return 0; sleep 0.1; done
  done
  wait_for "$2" "${3:-60}"
}
shot() { sleep 0.3; screen > "$out/$1"; echo "$out/$1"; } # the spinner's frame settles
open() { # open LANG WIDTH HEIGHT (a session of its own: keys never go to the one closing)
  tmux kill-session -t "$session" 2>/dev/null || true
  session=lr-capture-$$-$2x$3
  rm -rf "$temp/data"
  tmux new-session -d -s "$session" -x "$2" -y "$3" \
    "env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE TMPDIR='$temp' XDG_DATA_HOME='$temp/data' LANG=$1 LC_ALL= dotnet '$dll' respaldo-autovacuum"
  wait_for "PostgreSQL 1" 120
}

only=${1:-all} # es, en or all

if [ "$only" != en ]; then
# Spanish, 80x24
open es_ES.UTF-8 80 24
key F9 "Iniciar una sesión psql"
shot es-opened-80x24.txt
key F5 "✓ Correcto"
shot es-step1-run-80x24.txt
key F1 "Teclas"
shot es-help-80x24.txt
key Escape "Pasos"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do tmux send-keys -t "$session" F8; sleep 0.2; done
wait_for "Eliminar el servidor restaurado"
shot es-task3-step6-80x24.txt
for _ in 1 2 3 4 5 6 7 8 9 10; do tmux send-keys -t "$session" F7; sleep 0.2; done
wait_for "Revisar la configuración actual"
for passed in 2 3 4 5; do
  tmux send-keys -t "$session" F5
  wait_for "$passed/15 correctos" 120
  tmux send-keys -t "$session" F8
  sleep 0.5
done
wait_for "Revisar nuevamente las estadísticas"
key F5 "6/15 correctos" 240
shot es-task2-step5-80x24.txt
key C-g "Gráfico"
shot es-plot-80x24.txt
tmux send-keys -t "$session" C-q
fi

if [ "$only" != es ]; then
# English, 120x40
open en_US.UTF-8 120 40
key F9 "Iniciar una sesión psql"
shot en-opened-120x40.txt
for _ in 1 2 3 4; do tmux send-keys -t "$session" F8; sleep 0.2; done
wait_for "Revisar la configuración actual"
key F5 "1/15 passed"
shot en-task2-step1-120x40.txt
cp "$out/en-task2-step1-120x40.txt" docs/screen.txt
key F1 "Keys"
shot en-help-120x40.txt
tmux send-keys -t "$session" Escape C-q
fi
