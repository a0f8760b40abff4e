"""Execute notebooks without the widget-cell stall.

Under load, nbclient sometimes waits for a cell's reply for the whole cell timeout although the
kernel answered in milliseconds (the reliability probe saw it on widget cells: 9 of 240 runs at six
workers; `make outputs` took 124 s instead of 4 s for notebook 02 once here). The reply is already
in the shell socket, but the single long poll of the async channel misses its wake-up, the upstream
issue jupyter/nbclient#312, and only returns when the timeout expires. :func:`sliced_polls` makes
every wait on the shell channel a series of short polls, so a missed wake-up costs at most
:data:`SLICE` seconds; the total timeout is unchanged.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

#: Longest single poll of the shell channel, in seconds.
SLICE = 0.25


def _slice(get_msg: Any) -> Any:
    async def get_msg_sliced(timeout: float | None = None, **kwargs: Any) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            step = SLICE if deadline is None else max(0.0, min(SLICE, deadline - time.monotonic()))
            try:
                return await get_msg(timeout=step, **kwargs)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    get_msg_sliced.sliced = True  # type: ignore[attr-defined]
    return get_msg_sliced


def sliced_polls(client: Any) -> Any:
    """Make *client* (an nbclient ``NotebookClient`` or nbconvert ``ExecutePreprocessor``) poll in slices."""
    previous = client.on_cell_execute

    def hook(**kwargs: Any) -> None:
        channel = client.kc.shell_channel
        if not getattr(channel.get_msg, "sliced", False):
            channel.get_msg = _slice(channel.get_msg)
        if previous is not None:
            previous(**kwargs)

    client.on_cell_execute = hook
    return client
