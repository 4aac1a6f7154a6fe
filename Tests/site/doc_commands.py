#!/usr/bin/env python3
"""Runs every sitegen command shown in a ```sh block of README.md and docs/*.md, so the docs
cannot show a command that does not work.

Usage: doc_commands.py SITEGEN   (from the repository)

Each file's commands run in order, in a scratch copy of the project (Content/ and Templates/);
`swift run sitegen` is the given binary, `cd DIR` moves into a folder a command made (`sitegen init
x && cd x`), `sitegen serve` must print its address within 60 s and is then stopped. Any other
command must exit 0. Commands that are not sitegen's (swift test, make install, the site checks)
are run by CI itself.
"""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sitegen = os.path.abspath(sys.argv[1])
repo = os.getcwd()


def commands(path):
    """The sitegen commands and `cd`s of a file's ```sh blocks, in order."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", open(path, encoding="utf-8").read(), re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("swift run sitegen"):
                    part = "sitegen" + part[len("swift run sitegen"):]
                if part == "sitegen" or part.startswith("sitegen ") or part.startswith("cd "):
                    found.append(part)
    return found


def serve(args, cwd):
    if "--port" not in args:
        args = args + ["--port", "0"]
    process = subprocess.Popen([sitegen] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    output = []
    try:
        while time.time() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            output.append(line)
            if line.startswith("Serving http://"):
                return True, "".join(output)
        return False, "".join(output)
    finally:
        process.terminate()
        process.wait(timeout=10)


failures = 0
ran = 0
scratch = tempfile.mkdtemp(prefix="sitegen-doc-commands-")
try:
    for path in ["README.md"] + sorted(glob.glob("docs/*.md")):
        project = os.path.join(scratch, os.path.basename(path)[:-3])
        os.makedirs(project)
        for folder in ("Content", "Templates"):
            shutil.copytree(os.path.join(repo, folder), os.path.join(project, folder))
        cwd = project
        for command in commands(path):
            words = shlex.split(os.path.expandvars(command))
            if words[0] == "cd":
                cwd = os.path.join(cwd, words[1])
                continue
            ran += 1
            if words[1:2] in (["serve"], ["server"]):
                ok, output = serve(words[1:], cwd)
            else:
                result = subprocess.run([sitegen] + words[1:], cwd=cwd, capture_output=True, text=True, timeout=600)
                ok, output = result.returncode == 0, result.stdout + result.stderr
            print(("ok   " if ok else "FAIL ") + path + ": " + command)
            if not ok:
                failures += 1
                print(output)
finally:
    shutil.rmtree(scratch, ignore_errors=True)
print(f"{ran} commands from the docs, {failures} failed")
sys.exit(1 if failures or ran == 0 else 0)
