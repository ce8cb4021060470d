"""What the quotes component knows, one job a module: reporting cues (cues), quotation marks and
paragraphs (marks), attributions anchored on a cue (attribute), their content spans (content), their
speakers (speakers) and the quoted passages nobody claimed (unclaimed)."""
