"""`make bench`: run every benchmark script in this folder; each prints its own figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ("compare.py", "segment.py", "text_layer.py", "build.py", "preview.py"):
    print(f"== bench/{script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
