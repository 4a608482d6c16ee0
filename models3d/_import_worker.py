"""The model-reading worker process; `models3d.import_loader.IsolatedLoader` is its
client in the app.

The worker reads requests from stdin and writes answers to stdout, each a
length-prefixed pickle: a path in, ("ok", ImportedModel) or ("refused", message) out.
Anything the libraries print goes to stderr, so the protocol stream stays clean.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from pathlib import Path


def main() -> int:
    proto_in = os.fdopen(os.dup(0), "rb")
    proto_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr
    sys.stdout = sys.stderr
    try:
        import resource

        from models3d.importer import MAX_OUTPUT_BYTES

        limit = MAX_OUTPUT_BYTES * 3 + 2 * 2**30
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass

    from models3d.fileio import printable
    from models3d.importer import ImportRefusedError, load_model

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app decides when the worker ends
    while True:
        head = proto_in.read(8)
        if len(head) < 8:
            return 0
        try:
            path = pickle.loads(proto_in.read(struct.unpack("<Q", head)[0]))
        except Exception:  # a request cut short: the app is gone
            return 0
        if path is None:
            return 0
        name = printable(Path(path).name)
        answer: tuple[str, object]
        try:
            answer = ("ok", load_model(path))
        except ImportRefusedError as exc:
            answer = ("refused", str(exc))
        except MemoryError:
            answer = ("refused", f"{name}: too large to load in memory")
        except RecursionError:
            answer = ("refused", f"{name}: nested too deeply to read")
        except Exception as exc:  # a file must never take the worker down silently
            answer = ("refused", f"{name}: cannot be read ({type(exc).__name__})")
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except (MemoryError, RecursionError, pickle.PicklingError):
            data = pickle.dumps(("refused", f"{name}: too large to hand to the app"))
        try:
            proto_out.write(struct.pack("<Q", len(data)) + data)
            proto_out.flush()
        except OSError:  # the app went away (closed, or cancelled the load)
            return 0


if __name__ == "__main__":
    sys.exit(main())
