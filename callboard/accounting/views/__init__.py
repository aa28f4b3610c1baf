"""The accounting pages, one module per noun (budget, purchasing, payables, petty_cash);
urls.py names each view."""
