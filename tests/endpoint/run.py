"""Starts `kms-playground serve` on a free port, writes the AWS config it prints, and runs
the client suites against it: boto3, the AWS CLI and the AWS SDK for JavaScript.

    python3 tests/endpoint/run.py target/debug/kms-playground

Each suite runs against a fresh server (the study notes' world, saved with --save), and
after each the saved world must load again: `kms-playground validate` of the save.
"""

import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
binary = os.path.abspath(sys.argv[1])

SUITES = {
    "boto3": [os.path.join(root, ".tools/boto3/bin/python"), os.path.join(here, "boto3_suite.py")],
    "awscli": [sys.executable, os.path.join(here, "awscli_suite.py"),
               os.path.join(root, ".tools/python/bin/aws")],
    "javascript": ["node", os.path.join(here, "sdk_suite.mjs")],
}


def start(save):
    server = subprocess.Popen([binary, "serve", "--port", "0", "--save", save],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in server.stdout:
        lines.append(line)
        if line.startswith("Ctrl-C"):
            break
    else:
        sys.exit("the server did not start:\n" + "".join(lines) + server.stderr.read())
    endpoint = lines[0].split("listening on ")[1].strip()
    config = "".join(lines)[("".join(lines)).index("[profile"):].split("The world is")[0]
    return server, endpoint, config


failed = []
chosen = sys.argv[2:] or list(SUITES)
for name in chosen:
    with tempfile.TemporaryDirectory() as tmp:
        save = os.path.join(tmp, "world.json")
        server, endpoint, config = start(save)
        with open(os.path.join(tmp, "config"), "w") as f:
            f.write(config)
        env = dict(os.environ, AWS_CONFIG_FILE=os.path.join(tmp, "config"),
                   AWS_SHARED_CREDENTIALS_FILE=os.path.join(tmp, "none"), KMS_PLAYGROUND_ENDPOINT=endpoint,
                   AWS_EC2_METADATA_DISABLED="true")
        for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                  "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"):
            env.pop(k, None)
        print(f"--- {name} against {endpoint}", flush=True)
        result = subprocess.run(SUITES[name], env=env, cwd=tmp)
        server.terminate()
        _, err = server.communicate(timeout=30)
        if result.returncode != 0:
            failed.append(name)
            print(err[-4000:])
        valid = subprocess.run([binary, "validate", save], capture_output=True, text=True)
        print(valid.stdout.strip() or valid.stderr.strip())
        if valid.returncode != 0:
            failed.append(f"{name} (saved world)")
print("endpoint suites: " + ("all passed" if not failed else "FAILED: " + ", ".join(failed)))
sys.exit(1 if failed else 0)
