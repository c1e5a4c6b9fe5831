"""IAM Access Analyzer: the analyzers of a region."""


def analyzers(api, region, analyzer_type=None):
    params = {"type": analyzer_type} if analyzer_type else {}
    return sorted(api.read("accessanalyzer", "ListAnalyzers", region, **params)["analyzers"], key=lambda a: a["arn"])
