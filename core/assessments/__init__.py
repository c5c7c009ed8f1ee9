"""Evidence for outside assessors (ITA open data, LPA citizen feedback) made from Pattana's own
data, the item-number mapping per assessment year, and the public publications."""
