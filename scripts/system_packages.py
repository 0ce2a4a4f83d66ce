"""Install what the suite needs beyond Python, where we may: Chromium for the browser tests
and a Java runtime for the Nu Html Checker. Run as root on Debian or Ubuntu (a CI runner, a
fresh container), the missing ones come from apt-get (Debian's ``chromium`` and
``default-jre-headless``); elsewhere this does nothing and ``find_chromium.py`` and
``find_java.py``, which find them the same way, say what to install.
"""

import os
import shutil
import subprocess
import sys

from find_chromium import find as find_chromium
from find_java import find_java

NEEDED = {"chromium": find_chromium, "default-jre-headless": find_java}


def missing() -> list[str]:
    return [package for package, find in NEEDED.items() if not find()]


def main() -> int:
    packages = missing()
    apt_get = shutil.which("apt-get")
    if not packages or not apt_get or os.geteuid() != 0:
        return 0
    print(f"installing with apt-get: {' '.join(packages)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Our own fixed arguments, no shell.
    subprocess.run([apt_get, "update", "-qq"], env=env, check=True)  # noqa: S603
    install = [apt_get, "install", "-y", "-qq", "--no-install-recommends", *packages]
    subprocess.run(install, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return 0


if __name__ == "__main__":
    sys.exit(main())
