"""A minimal client of Streamlit's websocket protocol, for load and crash tests (127.0.0.1 only).

A browser tab talks to a Streamlit server over one websocket, ``/_stcore/stream``, carrying
protobuf messages from ``streamlit.proto``: the client sends ``BackMsg`` (``rerun_script`` with a
``ClientState``: page, query string, ``widget_states``), the server answers with ``ForwardMsg``
(``new_session``, ``delta`` elements, ..., ``script_finished``). This client does what a tab
does for one run: it sends ``rerun_script`` and reads deltas until ``script_finished``. It never
renders anything, so fifty sessions cost a few per cent of a core where fifty browser pages
would starve a two-core server.

    async with StSession("http://127.0.0.1:8501") as session:
        page = await session.run()                       # first load
        box = page.widget("Answer")                      # the widget labelled "Answer"
        submit = page.widget("Send")
        page = await session.run([text(box, "hello"), trigger(submit)])
        assert page.successes

Widgets are found by label; ``text``, ``trigger``, ``integer``, ``number``, ``boolean`` build
the ``WidgetState`` values (a radio's state is the option's text in Streamlit 1.67, not its
index: use ``string``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

WIDGET_KINDS = {
    "text_input",
    "text_area",
    "button",
    "number_input",
    "radio",
    "selectbox",
    "checkbox",
    "slider",
    "multiselect",
    "date_input",
    "time_input",
    "toggle",
    "button_group",
    "segmented_control",
    "pills",
    "feedback",
    "chat_input",
}


class ProtocolError(RuntimeError):
    """The server closed the connection or did not finish a run in time."""


@dataclass(frozen=True)
class Element:
    path: tuple[int, ...]
    kind: str  # "text_input", "button", "alert", "markdown", ...
    proto: object  # the element's own message (e.g. TextInput)

    @property
    def label(self) -> str:
        return getattr(self.proto, "label", "")

    @property
    def id(self) -> str:
        return getattr(self.proto, "id", "")


@dataclass
class Page:
    """What one script run sent: its elements in order, and how it finished."""

    elements: list[Element] = field(default_factory=list)
    finished: int | None = None
    exception: str | None = None
    seconds: float = 0.0

    def widget(self, label: str, kind: str | None = None) -> Element:
        for element in self.elements:
            if (
                element.kind in WIDGET_KINDS
                and element.label == label
                and (kind is None or element.kind == kind)
            ):
                return element
        raise LookupError(
            f"no widget labelled {label!r}; widgets: "
            f"{[(e.kind, e.label) for e in self.elements if e.kind in WIDGET_KINDS]}"
        )

    def widgets(self, kind: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.kind in WIDGET_KINDS and (kind is None or e.kind == kind)]

    def _alerts(self, fmt: int) -> list[str]:
        return [e.proto.body for e in self.elements if e.kind == "alert" and e.proto.format == fmt]

    @property
    def successes(self) -> list[str]:
        return self._alerts(Alert.SUCCESS)

    @property
    def errors(self) -> list[str]:
        return self._alerts(Alert.ERROR)

    @property
    def warnings(self) -> list[str]:
        return self._alerts(Alert.WARNING)

    @property
    def texts(self) -> list[str]:
        found = []
        for e in self.elements:
            if e.kind in {"markdown", "text", "heading", "code"}:
                found.append(getattr(e.proto, "body", ""))
        return found


# -- widget state builders ----------------------------------------------------------------------


def text(widget: Element | str, value: str) -> WidgetState:
    return WidgetState(id=_id(widget), string_value=value)


string = text


def trigger(widget: Element | str) -> WidgetState:
    return WidgetState(id=_id(widget), trigger_value=True)


def integer(widget: Element | str, value: int) -> WidgetState:
    return WidgetState(id=_id(widget), int_value=value)


def number(widget: Element | str, value: float) -> WidgetState:
    return WidgetState(id=_id(widget), double_value=value)


def boolean(widget: Element | str, value: bool) -> WidgetState:
    return WidgetState(id=_id(widget), bool_value=value)


def _id(widget: Element | str) -> str:
    return widget if isinstance(widget, str) else widget.id


# -- the session ----------------------------------------------------------------------------------


class StSession:
    """One browser-tab-like session over the websocket protocol."""

    def __init__(
        self,
        base_url: str,
        *,
        page_name: str = "",
        query_string: str = "",
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
    ):
        parsed = urlparse(base_url)
        if parsed.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError("the protocol client only talks to a server on this machine")
        self.base_url = base_url.rstrip("/")
        self.ws_url = f"ws://{parsed.hostname}:{parsed.port}/_stcore/stream"
        self.page_name = page_name
        self.query_string = query_string
        self.timeout = timeout
        self.socket = None
        self.session_id: str | None = None
        self.page_script_hash = ""
        self.headers = dict(headers or {})  # e.g. a Cookie, or the X-Forwarded-For of a proxy

    async def __aenter__(self) -> StSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self) -> None:
        self.socket = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            additional_headers=self.headers or None,
        )

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
            self.socket = None

    async def run(self, widget_states: Iterable[WidgetState] = ()) -> Page:
        """Send ``rerun_script`` with these widget states and collect the run's elements."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        state.page_script_hash = self.page_script_hash
        state.context_info.url = f"{self.base_url}/{self.page_name}"
        state.context_info.timezone = "Asia/Bangkok"
        state.context_info.locale = "th-TH"
        state.widget_states.CopyFrom(WidgetStates(widgets=list(widget_states)))
        started = time.perf_counter()
        try:
            await self.socket.send(message.SerializeToString())
            page = await asyncio.wait_for(self._read_run(), self.timeout)
        except (websockets.ConnectionClosed, OSError) as error:
            raise ProtocolError(f"connection lost: {error}") from error
        except TimeoutError as error:
            raise ProtocolError(f"no script_finished within {self.timeout} s") from error
        page.seconds = time.perf_counter() - started
        return page

    async def _read_run(self) -> Page:
        page = Page()
        by_path: dict[tuple[int, ...], Element] = {}
        while True:
            raw = await self.socket.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                if msg.new_session.page_script_hash:
                    self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "navigation":
                # st.navigation says which page it showed (as the browser follows it)
                if msg.navigation.page_script_hash:
                    self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_kind = element.WhichOneof("type")
                path = tuple(msg.metadata.delta_path)
                item = Element(path, element_kind, getattr(element, element_kind))
                by_path[path] = item
                if element_kind == "exception":
                    page.exception = item.proto.message
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    by_path.clear()  # a rerun replaces this run; keep reading
                    continue
                page.finished = msg.script_finished
                page.elements = [by_path[p] for p in sorted(by_path)]
                return page
