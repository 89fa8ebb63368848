"""Demo data of the emergency plans: the headquarters posts of the demo accounts."""

from __future__ import annotations

from luoshi.core.models import User
from luoshi.emergency.models import DecisionPost
from luoshi.emergency.playbook import load_playbook, plan_ids
from luoshi.emergency.posts import Post

#: username → post held in every plan's headquarters (the demo's 分管副市长 is 总指挥; the duty
#: officer of 市应急管理局 sits in the headquarters office, which decides the lowest levels).
DEMO_POSTS: dict[str, Post] = {"lingdao": Post.COMMANDER, "zhiban": Post.OFFICE}


def ensure_demo_posts() -> int:
    """Map the demo accounts to the posts of every plan; return how many were added."""
    added = 0
    for username, post in DEMO_POSTS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for plan_id in plan_ids():
            note = _post_title(plan_id, post)
            _, created = DecisionPost.objects.get_or_create(
                plan_id=plan_id, post=post, user=user, defaults={"note": note}
            )
            added += created
    return added


def _post_title(plan_id: str, post: Post) -> str:
    hq = load_playbook(plan_id).headquarters
    names = {Post.COMMANDER: hq.commander, Post.DEPUTY: hq.deputies, Post.OFFICE: (hq.office,)}
    return (names[post] or ("",))[0][:100]
