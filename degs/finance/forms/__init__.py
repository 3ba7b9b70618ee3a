"""The finance app's forms, one module per part (the amount field is ``degs.core.forms.RupeesField``)."""
