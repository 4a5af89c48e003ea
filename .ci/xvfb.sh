# Sourced by the window checks: starts Xvfb on a free display and exports DISPLAY, or fails
# clearly. A display picked at random can be taken (another X server on the machine), so each
# try skips displays with a lock file and gives up on one whose server does not answer.
start_xvfb() {
  local size=${1:-1280x800x24} n try
  for try in $(seq 20); do
    n=$(( 100 + RANDOM % 400 ))
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    Xvfb ":$n" -screen 0 "$size" -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 100); do
      if xwininfo -display ":$n" -root >/dev/null 2>&1; then
        export DISPLAY=":$n"
        return 0
      fi
      kill -0 "$XVFB_PID" 2>/dev/null || break
      sleep 0.05
    done
    kill "$XVFB_PID" 2>/dev/null || true
  done
  echo "could not start Xvfb on a free display" >&2
  return 1
}
