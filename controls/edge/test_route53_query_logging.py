"""Route 53 public hosted zones log the DNS queries they answer."""

import pytest

from compliance.aws.answers import extended
from controls.judging import judge_each


@pytest.mark.control("route53-query-logging")
def test_route53_query_logging(public_hosted_zones, partition, evidence):
    zones = [extended(z, Arn=f"arn:{partition}:route53:::hostedzone/{z['Id'].rsplit('/', 1)[-1]}")
             for z in public_hosted_zones]
    judge_each(evidence, "hosted_zones", zones, ("Arn", "Name", "QueryLogging"),
               lambda z: None if z["QueryLogging"] else "the public zone logs no DNS query",
               lambda z: f"aws route53 create-query-logging-config --hosted-zone-id {z['Id'].rsplit('/', 1)[-1]} "
                         "--cloud-watch-logs-log-group-arn <us-east-1 log group Route 53 may write to>")
