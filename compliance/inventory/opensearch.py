"""Amazon OpenSearch Service domains. The OpenSearch API (2021-01-01) lists
and describes every domain of the region, whichever engine it runs and
whichever API created it: the legacy Elasticsearch API (2015-01-01) answers
for the same domains, so it is not read."""

import json

from compliance.aws.answers import MissingMember, extended

DESCRIBE_BATCH = 5  # DescribeDomains takes at most five names


def domains(api, region):
    """Every domain of the region (``DomainStatus``, with ``EngineType`` from
    ListDomainNames and the access policy parsed as ``Policy``, None when
    there is none), sorted by ARN."""
    listed = {d["DomainName"]: d.get("EngineType") for d in
              api.read("opensearch", "ListDomainNames", region)["DomainNames"]}
    names = sorted(listed)
    found = []
    for start in range(0, len(names), DESCRIBE_BATCH):
        batch = names[start:start + DESCRIBE_BATCH]
        answer = api.read("opensearch", "DescribeDomains", region, DomainNames=batch)
        described = answer["DomainStatusList"]
        missing = sorted(set(batch) - {d["DomainName"] for d in described})
        if missing:  # deleted since it was listed, or left out: either way, not judged silently
            raise MissingMember(answer.origin, f"DomainStatusList entry of the listed domains {', '.join(missing)}")
        found += described
    return sorted((extended(d, EngineType=listed.get(d["DomainName"]),
                            Policy=json.loads(d["AccessPolicies"]) if d.get("AccessPolicies") else None)
                   for d in found), key=lambda d: d["ARN"])
