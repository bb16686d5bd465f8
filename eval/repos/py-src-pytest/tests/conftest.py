import pytest

SAMPLE = """name,age,height
ann,31,1.70
bob,n/a,1.82
cid,45,1.75
"""


@pytest.fixture
def sample_csv():
    return SAMPLE
