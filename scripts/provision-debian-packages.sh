#!/usr/bin/env bash
# Makes sure every Debian package in debian-packages.txt (or the list file given as $1) is installed, before
# any test runs: npm test, npm run test:certification and .ci/run start with it.
#  - all installed: one line saying so, exit 0, no apt at all (a prepared machine pays one dpkg-query);
#  - some missing, root and apt-get: one line naming what it installs, then apt-get update + install, then
#    checks again that each one is installed;
#  - some missing and not root, or no apt-get: fails at once with the exact command to run.
# The only external commands are dpkg-query, id and apt-get, each found on PATH, which is how
# scripts/provision-debian-packages.test.ts puts stand-ins in their place.
set -uo pipefail

script_dir=.
[[ $0 == */* ]] && script_dir="${0%/*}"
list_file="${1:-$script_dir/../debian-packages.txt}"
list_name="${1:-debian-packages.txt}"
if [[ ! -r $list_file ]]; then
  echo "provision: cannot read the package list $list_file" >&2
  exit 1
fi

packages=()
while IFS= read -r line || [[ -n $line ]]; do
  line="${line%%#*}"
  for word in $line; do packages+=("$word"); done
done <"$list_file"
if ((${#packages[@]} == 0)); then
  echo "provision: $list_name lists no package" >&2
  exit 1
fi

# Prints the listed packages that dpkg does not have fully installed, one per line.
missing_packages() {
  local installed=() status package
  if command -v dpkg-query >/dev/null 2>&1; then
    # Unknown packages make dpkg-query complain on stderr and exit 1: they are simply not installed.
    while IFS=' ' read -r package status; do
      [[ $status == 'install ok installed' ]] && installed+=("$package")
    done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null)
  fi
  for package in "${packages[@]}"; do
    [[ " ${installed[*]} " == *" $package "* ]] || echo "$package"
  done
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} == 0)); then
  echo "provision: all ${#packages[@]} Debian packages in $list_name are installed"
  exit 0
fi

install_args=(install -y --no-install-recommends "${missing[@]}")
if ! command -v apt-get >/dev/null 2>&1; then
  echo "provision: missing Debian packages ${missing[*]}, and this machine has no apt-get." >&2
  echo "provision: on Debian or Ubuntu, run: apt-get update && apt-get ${install_args[*]}" >&2
  exit 1
fi
if [[ $(id -u) != 0 ]]; then
  echo "provision: missing Debian packages ${missing[*]}, and installing them needs root. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get ${install_args[*]}" >&2
  exit 1
fi

echo "provision: apt-get install ${missing[*]} (missing from $list_name)"
export DEBIAN_FRONTEND=noninteractive
if ! log="$({ apt-get update -q && apt-get -q "${install_args[@]}"; } 2>&1)"; then
  echo "$log" >&2
  echo "provision: apt-get failed (output above); the command was: apt-get update && apt-get ${install_args[*]}" >&2
  exit 1
fi
mapfile -t still_missing < <(missing_packages)
if ((${#still_missing[@]} > 0)); then
  echo "$log" >&2
  echo "provision: apt-get succeeded but dpkg still lacks ${still_missing[*]}" >&2
  exit 1
fi
