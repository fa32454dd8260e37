"""Generated Vietnamese health news for local sites and benchmarks: `python -m bench.generate N`.

vocabulary: the words; reference: the rows articles point to and the sentence pools; article:
one article's rows; writer: N articles in one transaction; cli: the command's checks and report.
"""

DEFAULT_BATCH = 5000  # articles written per statement
