"""The reader in a real pty (100x30): first paint, keystroke -> painted results, bytes, RSS.

The app runs as `python -m tui.main --index DIR --no-seed` on the slave side of a pty; a thread
reads everything it writes, timestamps each chunk and feeds a VT screen model
(`benchmarks.vtscreen`). Frames are measured, not Pilot calls:

- first paint: launch -> the end of the first burst of writes that put text on the screen
  (chunks less than BURST_GAP apart are one frame);
- settled: launch -> the last text change before the screen stays unchanged for a while;
- keystroke -> painted: key written -> the last text change it caused (the screen then stays
  unchanged for QUIET seconds), so a debounce or a two-step paint is included;
- bytes: everything written to the terminal per search keystroke, per scroll step, and in
  IDLE seconds of doing nothing (cursor blink included: that is what an SSH link carries).
"""
from __future__ import annotations

import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import threading
import time
import fcntl
from pathlib import Path

from benchmarks.vtscreen import Screen

COLS, ROWS = 100, 30
QUIET = 0.35  # seconds without a text change that end a measurement
IDLE = 3.0
BURST_GAP = 0.03  # writes closer than this belong to the same frame
ROOT = Path(__file__).resolve().parents[1]


class PtyApp:
    """A child process on a pty whose output is recorded and rendered."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = COLS, rows: int = ROWS):
        self.screen = Screen(cols, rows)
        self.lock = threading.Lock()
        self.nbytes = 0
        self.last_change = 0.0
        self.first_fill: float | None = None  # the end of the first frame's burst of writes
        self.first_frame_done = False
        self.t_launch = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.alive = True
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while self.alive:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
                if not ready:
                    continue
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            now = time.perf_counter()
            with self.lock:
                self.nbytes += len(data)
                if self.screen.feed(data):
                    self.last_change = now
                    if self.first_fill is None:
                        self.first_fill = now
                    elif not self.first_frame_done and now - self.first_fill > BURST_GAP:
                        self.first_frame_done = True
                    elif not self.first_frame_done:
                        self.first_fill = now  # still the first frame's burst of writes
        self.alive = False

    def send(self, keys: str) -> float:
        t = time.perf_counter()
        os.write(self.fd, keys.encode())
        return t

    def wait_quiet(self, since: float, quiet: float = QUIET, timeout: float = 5.0) -> float | None:
        """Wait until no text change for `quiet` s; the time of the last change after `since`."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and self.alive:
            with self.lock:
                last = self.last_change
            if time.perf_counter() - max(last, since) >= quiet:
                break
            time.sleep(0.01)
        with self.lock:
            return self.last_change if self.last_change > since else None

    def wait_for(self, pred, timeout: float = 20.0) -> bool:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and self.alive:
            with self.lock:
                if pred(self):
                    return True
            time.sleep(0.005)
        return False

    def rss_kb(self) -> dict[str, int]:
        out = {}
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line.split(":")[0]] = int(line.split()[1])
        except OSError:
            pass
        return out

    def stop(self) -> None:
        if self.alive:
            try:
                self.send("q")
            except OSError:
                pass
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.alive = False
        self.reader.join(timeout=1)
        os.close(self.fd)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NEWSDESK"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", COLUMNS=str(COLS),
               LINES=str(ROWS), NEWSDESK_DATA=str(home / "data"), NEWSDESK_CONFIG=str(home / "config"))
    return env


def run_once(index_dir: Path, typed: tuple[str, ...], scroll_steps: int = 15) -> dict:
    """One launch of the reader; returns raw figures (ms, bytes, kB)."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-home-") as home:
        argv = [sys.executable, "-m", "tui.main", "--index", str(index_dir), "--no-seed"]
        app = PtyApp(argv, _env(Path(home)))
        out: dict = {"keystroke_ms": [], "keystroke_bytes": [], "scroll_bytes": [], "scroll_ms": []}
        try:
            painted = app.wait_for(lambda a: a.first_fill is not None, timeout=30)
            settled = app.wait_quiet(app.t_launch, quiet=1.0, timeout=30)
            if not painted or not app.alive:
                raise RuntimeError("the reader did not paint a frame:\n" + app.screen.text())
            out["first_paint_ms"] = (app.first_fill - app.t_launch) * 1000
            out["settled_ms"] = ((settled or app.first_fill) - app.t_launch) * 1000
            for query in typed:
                app.wait_quiet(app.send("/"))
                app.wait_quiet(app.send("\x15"))  # ctrl+u: clear the search box
                for ch in query:
                    b0 = app.nbytes
                    t0 = app.send(ch)
                    last = app.wait_quiet(t0)
                    if last is not None:
                        out["keystroke_ms"].append((last - t0) * 1000)
                    out["keystroke_bytes"].append(app.nbytes - b0)
            t_open = app.send("\r")  # open the top result
            # Scrolling is measured in the article: wait for it to be on screen (opening it can
            # take longer than QUIET at 100k articles, and its first paint is not a scroll step).
            app.wait_for(lambda a: a.last_change > t_open, timeout=10)
            app.wait_quiet(t_open)
            for _ in range(scroll_steps):
                b0 = app.nbytes
                t0 = app.send("j")
                last = app.wait_quiet(t0, quiet=0.2)
                if last is not None:
                    out["scroll_ms"].append((last - t0) * 1000)
                out["scroll_bytes"].append(app.nbytes - b0)
            out["scroll_changed"] = len(out["scroll_ms"])
            time.sleep(0.5)
            b0 = app.nbytes
            time.sleep(IDLE)
            out["idle_bytes_per_s"] = (app.nbytes - b0) / IDLE
            rss = app.rss_kb()
            out["rss_mb"] = rss.get("VmRSS", 0) / 1024
            out["peak_rss_mb"] = rss.get("VmHWM", 0) / 1024
            out["screen"] = app.screen.text()
        finally:
            app.stop()
        return out
