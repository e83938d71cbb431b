"""Static assets: ``collectstatic`` as Homeward runs it (``management/commands/collectstatic.py``).
Listed before ``django.contrib.staticfiles`` in INSTALLED_APPS so that its command is the one run;
the staticfiles app itself stays installed under its own name (the test live server looks for it).
"""
