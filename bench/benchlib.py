"""benchlib.py: what bench/tokens.py and bench/keysconn.py share: their
arguments ROOT BUILD, the domain and epoch, registering an address with
`rune-keys register`, and `rune-keys daemon 1` started on ROOT."""
import base64, os, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "t", "lib"))
import nacl.bindings as nb

ROOT, BUILD = sys.argv[1], sys.argv[2]
DOMAIN = open(ROOT + "/control/domain").read().strip()
E = int(time.time()) // (7 * 86400)
env = dict(os.environ, RUNE_ROOT=ROOT, RUNE_ALLOW_ROOT="1")


def register(a):
    seed = os.urandom(32)
    pk, sk = nb.crypto_sign_seed_keypair(seed)
    out = subprocess.run([BUILD + "/rune-keys", "register", a], env=env,
                         input=("ed25519:" + base64.b64encode(pk).decode() +
                                "\n").encode(), capture_output=True, check=True)
    return out.stdout.decode().strip(), sk


def daemon():
    """rune-keys daemon 1, its keys/socket waited for (the caller stops it)"""
    d = subprocess.Popen([BUILD + "/rune-keys", "daemon", "1"], env=env,
                         stderr=subprocess.DEVNULL)
    try:
        for i in range(200):
            if os.path.exists(ROOT + "/keys/socket"):
                break
            time.sleep(0.05)
        time.sleep(0.2)
    except BaseException:
        d.terminate()
        d.wait()
        raise
    return d


def children(pid):
    """the pid and /proc/PID/stat fields (those after the name) of each
    child of pid: the daemon's workers"""
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            st = open("/proc/%s/stat" % d).read()
        except OSError:
            continue
        f = st[st.rindex(")") + 2:].split()
        if int(f[1]) == pid:
            yield int(d), f
