"""The verdict every per-bucket control gives."""

from compliance.evidence import Finding


def bucket_findings(evidence, buckets, partition, problem, fix):
    """Record the buckets and give a finding for each one ``problem(bucket)`` says is wrong."""
    evidence.record("buckets", buckets)
    evidence.verdict([Finding(f"arn:{partition}:s3:::{b['Bucket']}", p, fix(b)) for b in buckets if (p := problem(b))])
