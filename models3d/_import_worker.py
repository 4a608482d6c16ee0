"""The model-reading worker process (see importer.IsolatedLoader).

Reads requests from stdin and writes answers to stdout, each a length-prefixed pickle:
a path in, ("ok", ImportedModel) or ("refused", message) out. Anything the libraries
print goes to stderr, so the protocol stream stays clean.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys


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
    from pathlib import Path

    from models3d.importer import ImportRefusedError, load_model

    while True:
        head = proto_in.read(8)
        if len(head) < 8:
            return 0
        path = pickle.loads(proto_in.read(struct.unpack("<Q", head)[0]))
        if path is None:
            return 0
        try:
            answer = ("ok", load_model(path))
        except ImportRefusedError as exc:
            answer = ("refused", str(exc))
        except MemoryError:
            answer = ("refused", f"{Path(path).name}: too large to load in memory")
        except Exception as exc:  # a file must never take the worker down silently
            answer = ("refused", f"{Path(path).name}: cannot be read ({type(exc).__name__})")
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        proto_out.write(struct.pack("<Q", len(data)) + data)
        proto_out.flush()


if __name__ == "__main__":
    sys.exit(main())
