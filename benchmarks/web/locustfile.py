"""The request mix of `make bench-web` (locust): visitors browse the directory and the
marketplace, participants (signed in with a session prepared by run_web.py) read their
recommendations and their agenda, integrations page through the API. With a think time of 0.5–1.5 s, N users offer at most
about N requests a second: 10 users measure latency, not the server's capacity."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, constant, task

with open(os.environ["RABTA_BENCH_SESSIONS"]) as sessions_file:
    SESSIONS = json.load(sessions_file)
QUERIES = [
    "surgical",
    "хирургические",
    "جراحی",
    "footballs",
    "cotton",
    "leather bags",
    "рис басмати",
]


class Visitor(HttpUser):
    # People think between clicks; RABTA_BENCH_NO_WAIT=1 sends the next request at once (a
    # closed loop that finds the server's saturation throughput).
    wait_time = constant(0) if os.environ.get("RABTA_BENCH_NO_WAIT") else between(0.5, 1.5)

    def on_start(self):
        self.session = random.choice(SESSIONS["participants"])
        self.client.cookies.set("sessionid", self.session["sessionid"])
        self.client.headers["Accept-Language"] = random.choice(["en", "ru", "ur"])

    @task(3)
    def directory(self):
        self.client.get(f"/organisations/?page={random.randint(1, 50)}", name="directory")

    @task(3)
    def search(self):
        self.client.get(f"/marketplace/?q={random.choice(QUERIES)}", name="search")

    @task(2)
    def api_list(self):
        self.client.get(f"/api/v1/opportunities?page={random.randint(1, 50)}", name="api list")

    @task(2)
    def recommendations(self):
        self.client.get("/recommendations/", name="recommendations")

    @task(2)
    def agenda(self):
        self.client.get(f"/events/{SESSIONS['event']}/agenda/", name="agenda")

    @task(1)
    def home(self):
        self.client.get("/", name="home")
