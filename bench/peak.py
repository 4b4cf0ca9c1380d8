"""``python -m bench.peak COMMAND ARGS...``: run a management command, then print the
process's peak resident set size in KiB.

The peak is the kernel's VmHWM of this program, read at the end: ``ru_maxrss`` as a
parent sees it would also count the memory of the process that forked it.
"""

import os
import sys
from io import StringIO

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

call_command(*sys.argv[1:], stdout=StringIO(), stderr=StringIO())
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            print(int(line.split()[1]))
