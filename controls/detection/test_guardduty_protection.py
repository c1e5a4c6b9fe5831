"""GuardDuty's protection plans: S3 data events and RDS login activity are
watched by an enabled detector in every region."""

import pytest

from compliance.evidence import Finding

# GetDetector's feature names, with the legacy data source that reports the same.
LEGACY_SOURCES = {"S3_DATA_EVENTS": "S3Logs"}


def feature_enabled(detector, feature):
    if any(f.get("Name") == feature and f.get("Status") == "ENABLED" for f in detector.get("Features", [])):
        return True
    return detector.get("DataSources", {}).get(LEGACY_SOURCES.get(feature), {}).get("Status") == "ENABLED"


def protection_test(control, feature, plan):
    """A control: an ENABLED detector of the region has ``feature`` ENABLED."""
    @pytest.mark.control(control)
    def test(guardduty_detectors, region_target, partition, evidence):
        evidence.record("detectors", [{k: d.get(k) for k in ("DetectorId", "Status", "Features", "DataSources")}
                                      for d in guardduty_detectors])
        enabled = [d for d in guardduty_detectors if d.get("Status") == "ENABLED"]
        if any(feature_enabled(d, feature) for d in enabled):
            return
        where = f"arn:{partition}:guardduty:{region_target.region}:{region_target.account.id}:detector"
        evidence.verdict([Finding(
            f"{where}/{enabled[0]['DetectorId']}" if enabled else where,
            f"{plan} is off ({feature} not ENABLED)" if enabled else "no enabled detector",
            f"aws guardduty update-detector --detector-id <id> --features Name={feature},Status=ENABLED "
            f"--region {region_target.region} (from the delegated administrator for the whole organization)")])
    return test


test_guardduty_s3_protection = protection_test("guardduty-s3-protection", "S3_DATA_EVENTS", "S3 Protection")
test_guardduty_rds_protection = protection_test("guardduty-rds-protection", "RDS_LOGIN_EVENTS", "RDS Protection")
