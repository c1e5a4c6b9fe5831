"""What every OpenSearch control does with the domains it judges."""

from controls.judging import judge_each

UPDATE = "aws opensearch update-domain-config --domain-name {DomainName} "


def judge_domains(evidence, domains, keys, problem, fix):
    """Judge every domain on ``keys`` (recorded after its ARN, name and
    engine version); ``fix`` is a template filled in with the domain's members."""
    judge_each(evidence, "domains", domains, ("ARN", "DomainName", "EngineVersion", *keys), problem,
               lambda d: fix.format_map(d))
