"""Analyzers per account and region."""

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import utcnow


class AccessAnalyzerBackend(BaseBackend):
    def __init__(self, region_name, account_id):
        super().__init__(region_name, account_id)
        self.analyzers = {}

    def create_analyzer(self, name, analyzer_type):
        arn = f"arn:{self.partition}:access-analyzer:{self.region_name}:{self.account_id}:analyzer/{name}"
        self.analyzers[name] = {"arn": arn, "name": name, "type": analyzer_type, "status": "ACTIVE",
                                "createdAt": utcnow(), "tags": {}}
        return arn

    def list_analyzers(self, analyzer_type=None):
        return [a for a in self.analyzers.values() if analyzer_type in (None, a["type"])]


accessanalyzer_backends = BackendDict(AccessAnalyzerBackend, "accessanalyzer")
