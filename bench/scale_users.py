"""The users of the scale-out benchmark: logged-in sessions that send each request to the next
app instance in turn (a load balancer without sticky sessions) and retry on the other one
when an instance does not answer; and the traffic they make, with what the server
acknowledged to them, for the figures afterwards."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from bench.scale_fleet import MailTally
from bench.server import login

#: Scalings at these fractions of the run (the first n of them).
SCALING_AT = {1: [0.1], 2: [0.1, 0.4], 3: [0.1, 0.4, 0.7], 4: [0.08, 0.3, 0.55, 0.8]}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, str]


@dataclass
class Session:
    """One user's browser: cookies valid on every instance (same host, shared database)."""

    name: str
    bases: list[str]
    opener: urllib.request.OpenerDirector
    csrf: str
    turn: int = 0
    answered_by: int = 0  # the instance that answered last


class Users:
    @staticmethod
    def login(bases: list[str], names: list[str], password: str) -> list[Session]:
        """Log everyone in, half through each instance."""

        def one(n: int) -> Session:
            opener, csrf = login(bases[n % 2], names[n], password)
            return Session(names[n], bases, opener, csrf, turn=n)

        with ThreadPoolExecutor(8) as pool:
            return list(pool.map(one, range(len(names))))


class Tally:
    """A counter others can wait on."""

    def __init__(self) -> None:
        self.value = 0
        self.condition = threading.Condition()

    def add(self) -> None:
        with self.condition:
            self.value += 1
            self.condition.notify_all()

    def wait_for(self, n: int, timeout: float) -> bool:
        with self.condition:
            return self.condition.wait_for(lambda: self.value >= n, timeout=timeout)


@dataclass
class Traffic:
    users: list[Session]
    incidents: list[int]
    coordinators: int
    scalings: list[str]  # the team each scaling activates
    mail: MailTally
    seconds: float
    began: float = 0.0
    scaled: Tally = field(default_factory=Tally)
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failovers: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: What the server acknowledged (a 2xx): must all be in the database afterwards.
    acked_lines: list[tuple[int, str, str]] = field(default_factory=list)  # incident, key, text
    acked_answers: list[tuple[int, str]] = field(default_factory=list)  # alert, answer
    acked_scalings: list[tuple[int, str]] = field(default_factory=list)  # incident, reason
    #: Anything else the server said that a user would see as a fault.
    server_errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    #: Instances the balancer takes out after a failed connection, until their health check
    #: passes again (`up`): a restarting instance gets no traffic while it boots.
    down: set[int] = field(default_factory=set)
    replayed: int = 0

    def up(self, instance: int) -> None:
        with self.lock:
            self.down.discard(instance)

    def elapsed(self) -> float:
        return time.monotonic() - self.began

    def sleep_until(self, moment: float) -> None:
        time.sleep(max(0.0, moment - self.elapsed()))

    def run(self) -> None:
        """Every user at once, until `seconds` have passed since `began`."""
        threads = [
            threading.Thread(target=self._user, args=(n, s), daemon=True)
            for n, s in enumerate(self.users)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    # ------------------------------------------------------------------ one request

    def send(
        self,
        session: Session,
        kind: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        payload: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        opener: urllib.request.OpenerDirector | None = None,
        retry: bool = True,
    ) -> Reply | None:
        """Send to the next instance; when it does not answer, the same request to the other
        one (`retry`). None when no instance answered."""
        began = time.perf_counter()
        data = None
        head = dict(headers or {})
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
        elif payload is not None:
            data = json.dumps(payload).encode()
            head["Content-Type"] = "application/json"
        for _attempt in range(10 if retry else 1):
            instance = session.turn % len(session.bases)
            session.turn += 1
            if instance in self.down and len(self.down) < len(session.bases):
                instance = session.turn % len(session.bases)  # the balancer skips it
                session.turn += 1
            base = session.bases[instance]
            if data is not None:
                head.setdefault("X-CSRFToken", session.csrf)
                head["Referer"] = base + path
            request = urllib.request.Request(base + path, data=data, headers=head)
            try:
                with (opener or session.opener).open(request, timeout=60) as response:
                    reply = Reply(response.status, response.read().decode(), dict(response.headers))
            except urllib.error.HTTPError as exc:
                reply = Reply(exc.code, exc.read().decode(errors="replace"), dict(exc.headers))
            except (OSError, http.client.HTTPException):
                with self.lock:
                    self.failovers[kind] += 1
                    self.down.add(instance)
                time.sleep(0.3)
                continue
            session.answered_by = instance
            with self.lock:
                self.latencies[kind].append(time.perf_counter() - began)
                if reply.status >= 500:
                    self.server_errors.append(f"{kind} {path}: {reply.status}")
            return reply
        with self.lock:
            self.unanswered.append(f"{kind} {path}")
        return None

    # ------------------------------------------------------------------ what users do

    def _user(self, n: int, session: Session) -> None:
        due = [moment * self.seconds for moment in SCALING_AT[len(self.scalings)]]
        incident = self.incidents[n % len(self.incidents)]
        i = 0
        rng = random.Random(n)
        while self.elapsed() < self.seconds:
            i += 1
            if n == 0 and due and self.elapsed() >= due[0]:
                due.pop(0)
                self._scale(session, len(self.scalings) - len(due) - 1)
            elif rng.random() < 0.35 and self._answer(session, rng):
                pass
            else:
                self._log_line(session, incident, f"{session.name}-{i}", api=i % 4 == 0)
            time.sleep(rng.uniform(0.5, 1.5))

    def _log_line(self, session: Session, incident: int, label: str, *, api: bool) -> None:
        """A log line with an idempotency key: a retry on the other instance after the first
        one died must not write it twice."""
        key = uuid.uuid4().hex
        text = f"proef {label} [{key}]: melding uit de wijk"
        fields = {"text": text, "process": "shelter", "client_key": key}
        if api:
            reply = self.send(
                session, "log line (API)", f"/api/v1/incidents/{incident}/log/", payload=fields
            )
            acked = reply is not None and reply.status in (200, 201)
            if reply is not None and reply.status == 200:
                with self.lock:  # a retry whose first try had been written: answered once
                    self.replayed += 1
        else:
            reply = self.send(
                session,
                "log line (page)",
                f"/incidenten/{incident}/logboek/nieuw/",
                form=fields,
                headers={"HX-Request": "true"},
            )
            acked = reply is not None and reply.headers.get("HX-Trigger") == "log-saved"
        if acked:
            with self.lock:
                self.acked_lines.append((incident, key, text))
        elif reply is not None and reply.status < 500:
            with self.lock:
                self.refused.append(f"log line: {reply.status} {reply.body[:200]}")
        self.send(session, "logbook live poll", f"/incidenten/{incident}/logboek/nieuwer/?na=0")

    def _answer(self, session: Session, rng: random.Random) -> bool:
        """Someone alerted opens the link in their mail and answers (no login)."""
        taken = self.mail.take_token()
        if taken is None:
            return False
        alert, token = taken
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        path = f"/alarmering/{token}/"
        page = self.send(session, "answer page", path, opener=browser)
        found = CSRF_FIELD.search(page.body) if page is not None else None
        if found is None:
            return True
        answer = "declined" if rng.random() < 0.1 else "accepted"
        reply = self.send(
            session,
            "answer",
            path,
            form={
                "answer": answer,
                "eta_minutes": str(rng.randint(5, 40)),
                "csrfmiddlewaretoken": found.group(1),
            },
            headers={"X-CSRFToken": found.group(1)},
            opener=browser,
        )
        # Answered: the page thanks instead of showing the form or a problem.
        if reply is not None and reply.status == 200 and 'name="answer"' not in reply.body:
            with self.lock:
                self.acked_answers.append((alert, answer))
        return True

    def _scale(self, session: Session, k: int) -> None:
        """Scaling k activates one more team on its incident. Not blindly retried: after no
        answer the user looks whether it was recorded, as a person would."""
        incident = self.incidents[k % len(self.incidents)]
        teams = [
            t
            for j, t in enumerate(self.scalings[: k + 1])
            if j % len(self.incidents) == k % len(self.incidents)
        ]
        reason = f"schaalproef {k + 1}: {self.scalings[k]} erbij"
        body = {"mode": "flexible", "teams": teams, "reason": reason, "decided_by": "bench"}
        path = f"/api/v1/incidents/{incident}/scale/"
        for _try in range(5):
            reply = self.send(session, "scaling", path, payload=body, retry=False)
            if reply is not None and reply.status == 201:
                with self.lock:
                    self.acked_scalings.append((incident, reason))
                break
            if reply is not None:
                self.refused.append(f"scaling: {reply.status} {reply.body[:200]}")
                break
            shown = self.send(session, "incident", f"/api/v1/incidents/{incident}/")
            if shown is not None and reason in shown.body:
                break  # recorded, though its answer was lost with the instance
            session.turn = session.answered_by  # try again where someone answers
        self.scaled.add()
