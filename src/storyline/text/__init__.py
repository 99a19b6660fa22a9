"""The text layer: what every stage reads text with, in one place.

* :mod:`.sentences`: the one sentence segmentation (computed once per article by the
  annotation stage, stored with its annotations, and imposed on the spaCy parse);
* :mod:`.vocab`: month, weekday and number words, the stop-word list, speech verbs;
* :mod:`.spans`: span overlap;
* :mod:`.tfidf`: the one TF-IDF weighting (stories and the timeline).
"""
