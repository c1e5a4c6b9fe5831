"""Access Analyzer's endpoint and paths."""

from .responses import AccessAnalyzerResponse

url_bases = [r"https?://access-analyzer\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/analyzer$": AccessAnalyzerResponse.dispatch}
