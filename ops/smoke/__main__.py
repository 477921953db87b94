"""``python -m ops.smoke --address 127.0.0.1:8100 --host example --maildir DIR``: see drive.py.

Exits 1 on the first failed check, printing it and writing the failing part (``web``, ``mail``)
to ``--failed-part`` so that ``bin/smoke-production`` shows that part's log."""

import argparse
import os
import sys
from pathlib import Path

from .drive import PASSWORD_DEFAULT, Smoke
from .http import SmokeFailure


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.smoke")
    parser.add_argument("--address", required=True, help="where gunicorn listens, host:port")
    parser.add_argument("--host", required=True, help="the public host name (in DJANGO_ALLOWED_HOSTS)")
    parser.add_argument("--maildir", required=True, help="the SMTP server's Maildir")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", PASSWORD_DEFAULT))
    parser.add_argument("--mail-timeout", type=float, default=90.0)
    parser.add_argument("--failed-part", type=Path)
    args = parser.parse_args()
    smoke = Smoke(args.address, args.host, args.maildir, args.password, args.mail_timeout)
    try:
        smoke.run()
    except SmokeFailure as failure:
        print(f"\nSMOKE FAILED ({failure.part}): {failure}", file=sys.stderr, flush=True)
        if args.failed_part:
            args.failed_part.write_text(failure.part)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
