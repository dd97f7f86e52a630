"""`make shell` driven like a person at a terminal: type, read the coach's answer."""

import os
import sys
from pathlib import Path

import pexpect
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from stack import ROOT, free_port  # noqa: E402

pytestmark = pytest.mark.stack


def test_shell_greets_and_tells_where_you_are(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shell.db'}",
        "ACTIONS_PORT": str(free_port()),
        "SHELL_PORT": str(free_port()),
        "SHELL_SENDER": "shell-test",
        "PYTHONPATH": str(ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    shell = pexpect.spawn(
        "bash",
        [str(ROOT / "scripts" / "shell.sh")],
        cwd=ROOT,
        env=env,
        encoding="utf-8",
        timeout=240,
        dimensions=(50, 200),
    )
    shell.logfile_read = (tmp_path / "shell.log").open("w")
    try:
        shell.expect("Bot loaded")
        shell.expect("Your input ->")
        shell.sendline("hi")
        shell.expect("not a therapist")
        shell.expect("safe right now")
        shell.expect("Yes, I'm safe")  # buttons come as a menu: Enter picks the first one
        shell.send("\r")
        shell.expect("what ended the relationship")
        shell.expect("Your input ->")
        shell.sendline("where am i?")
        shell.expect("haven't started the steps yet")
    finally:
        shell.sendline("/stop")
        shell.close(force=True)
