"""What other parts of the portal may ask of following: nothing yet.

Other apps show the follow button by including ``following/includes/follow.html`` with
``target`` (a public project, organisation or event series) in their detail templates.
"""
