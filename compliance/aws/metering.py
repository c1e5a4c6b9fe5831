"""Counts what the suite asks AWS, so that every run can prove it asked once.

``requests`` counts HTTP requests sent (pages and retries included);
``questions`` lists the memo keys fetched from AWS by this process. Workers
ship their meter to the controller, which merges them and reports repeats: a
question fetched more than once anywhere in the run.
"""

import threading
from collections import Counter


class Meter:
    def __init__(self):
        self.requests = Counter()
        self.questions = []
        self._lock = threading.Lock()  # requests are sent from several threads

    def install(self, botocore_session):
        botocore_session.register("before-send", self._count_send, unique_id="compliance-meter")

    def _count_send(self, event_name, **_):
        """botocore ``before-send`` handler: one call per HTTP request sent.

        The event is named ``before-send.<service-id>.<Operation>``.
        """
        _, service, operation = event_name.split(".", 2)
        with self._lock:
            self.requests[f"{service}:{operation}"] += 1

    def record_question(self, key):
        with self._lock:
            self.questions.append(key)

    def to_data(self):
        return {"requests": dict(self.requests), "questions": list(self.questions)}


def summarise(meter_datas):
    """Merge meters from every process into the run's API figures."""
    requests = Counter()
    questions = Counter()
    for data in meter_datas:
        requests.update(data["requests"])
        questions.update(data["questions"])
    repeated = {key: n - 1 for key, n in questions.items() if n > 1}
    return {
        "requests": sum(requests.values()),
        "questions": len(questions),
        "repeated": sum(repeated.values()),
        "repeated_questions": sorted(repeated),
        "by_operation": dict(sorted(requests.items())),
    }


def summary_line(summary):
    return (
        f"AWS API: {summary['requests']} requests for {summary['questions']} distinct "
        f"questions, {summary['repeated']} repeated"
    )
