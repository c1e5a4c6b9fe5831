"""CloudWatch Logs metric filters, CloudWatch alarms and SNS subscriptions:
what turns a trail's events into an alert someone receives."""


def metric_filters(api, region, log_group):
    return api.read("logs", "DescribeMetricFilters", region, logGroupName=log_group)["metricFilters"]


def alarms(api, region):
    return api.read("cloudwatch", "DescribeAlarms", region, AlarmTypes=["MetricAlarm"])["MetricAlarms"]


def subscriptions(api, region, topic_arn):
    """Confirmed subscriptions of a topic (a pending one has no ARN yet)."""
    found = api.read("sns", "ListSubscriptionsByTopic", region, absent=("NotFound",), TopicArn=topic_arn)
    return [s for s in (found or {}).get("Subscriptions", []) if s["SubscriptionArn"].startswith("arn:")]
