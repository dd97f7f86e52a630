#!/usr/bin/env bash
# Prints the path of a working Python 3.10 (Rasa 3.6.21 supports 3.8-3.10; this project pins 3.10).
set -u
candidates=("${PYTHON310:-}" python3.10)
if command -v pyenv >/dev/null 2>&1; then
  candidates+=("$(pyenv root)"/versions/3.10*/bin/python3.10)
fi
candidates+=("$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10)
for py in "${candidates[@]}"; do
  [ -n "$py" ] || continue
  if "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
    command -v "$py" 2>/dev/null || echo "$py"
    exit 0
  fi
done
echo "error: Python 3.10 is needed (Rasa 3.6.21 runs on Python 3.8-3.10) and none was found." >&2
echo "       Install it (e.g. 'pyenv install 3.10' or 'apt-get install python3.10')," >&2
echo "       or point PYTHON310 at it: make PYTHON310=/path/to/python3.10" >&2
exit 1
