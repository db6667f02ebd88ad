"""The classify stage: how much a figure looks like a pathway diagram."""

from pfocr.classify.models import Classification
from pfocr.classify.score import CLASSIFIER_VERSION, pathway_score

__all__ = ["CLASSIFIER_VERSION", "Classification", "pathway_score"]
