"""Amazon Kinesis Data Streams."""


def streams(api, region):
    """Each stream's DescribeStreamSummary (ListStreams does not carry its encryption), sorted by ARN."""
    found = [api.read("kinesis", "DescribeStreamSummary", region, absent=("ResourceNotFoundException",),
                      StreamName=name)
             for name in api.read("kinesis", "ListStreams", region)["StreamNames"]]
    return sorted((a["StreamDescriptionSummary"] for a in found if a is not None), key=lambda s: s["StreamARN"])
