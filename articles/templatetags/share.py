"""Share links of a page: plain links to Zalo's and Facebook's own share pages.

No script or widget of theirs is loaded (the Content-Security-Policy allows scripts from the
site only, and a reader's visit is nobody else's business until they choose to share).
"""

import base64
import json
from urllib.parse import urlencode

from django import template

register = template.Library()

FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php"
# Zalo's share page takes the address as base64 of {"url": ...}, as its own button sends it.
ZALO_SHARE = "https://button-share.zalo.me/share_external"


@register.simple_tag(takes_context=True)
def share_links(context, path):
    """The page's absolute URL and the addresses that share it on Zalo and Facebook."""
    url = context["request"].build_absolute_uri(path)
    zalo = base64.b64encode(json.dumps({"url": url}).encode()).decode()
    return {
        "url": url,
        "zalo": f"{ZALO_SHARE}?{urlencode({'d': zalo})}",
        "facebook": f"{FACEBOOK_SHARE}?{urlencode({'u': url})}",
    }
