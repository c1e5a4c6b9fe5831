"""REST-JSON handlers for the operations the suite and its demo use."""

import json

from moto.core.responses import BaseResponse

from .models import accessanalyzer_backends


class AccessAnalyzerResponse(BaseResponse):
    def __init__(self):
        super().__init__(service_name="accessanalyzer")

    @property
    def backend(self):
        return accessanalyzer_backends[self.current_account][self.region]

    def create_analyzer(self):
        body = json.loads(self.body or "{}")
        return json.dumps({"arn": self.backend.create_analyzer(body["analyzerName"], body["type"])})

    def list_analyzers(self):
        analyzers = self.backend.list_analyzers(self.querystring.get("type", [None])[0])
        return json.dumps({"analyzers": [{**a, "createdAt": a["createdAt"].isoformat()} for a in analyzers]})
