"""The ledger's rules held by the database itself, for SQLite and PostgreSQL alike, so that
nothing written around the application breaks them:

- an entry is posted (``posted`` from false to true) only if its legs sum to zero for each
  fund head (and so in all);
- a posted entry's number, date, society, kind, reversal link and ``posted`` never change, and
  it is never deleted;
- no leg is added to, changed in or deleted from a posted entry;
- posting adds the entry's legs to ``finance_monthtotal`` (debits and credits per society,
  account, head and month) in the same statement, so the totals every statement reads cannot
  drift from the legs.

A refusal is an integrity error (SQLite's ``RAISE(ABORT)``, PostgreSQL's SQLSTATE 23514). On
PostgreSQL a leg's check reads its entry ``FOR SHARE``: a leg written while another
transaction posts the entry waits for it and is then refused."""

from django.db import migrations

MESSAGE_BALANCE = "finance: an entry is posted only when its legs sum to zero for each fund head"
MESSAGE_FROZEN = "finance: a posted entry is never changed or deleted; reverse it"
MESSAGE_LEG = "finance: the legs of a posted entry are never added, changed or deleted"

SQLITE_MONTH_TOTALS = """
    INSERT INTO finance_monthtotal (district_id, account_id, head_id, month, debit_paise, credit_paise)
    SELECT NEW.district_id, account_id, head_id, date(NEW.date, 'start of month'),
           SUM(CASE WHEN amount_paise > 0 THEN amount_paise ELSE 0 END),
           SUM(CASE WHEN amount_paise < 0 THEN -amount_paise ELSE 0 END)
    FROM finance_leg WHERE entry_id = NEW.id GROUP BY account_id, head_id
    ON CONFLICT (district_id, month, head_id, account_id) DO UPDATE SET
        debit_paise = finance_monthtotal.debit_paise + excluded.debit_paise,
        credit_paise = finance_monthtotal.credit_paise + excluded.credit_paise;
"""

SQLITE = [
    f"""
    CREATE TRIGGER finance_entry_post_balanced BEFORE UPDATE OF posted ON finance_entry
    WHEN NEW.posted AND NOT OLD.posted AND EXISTS (
        SELECT 1 FROM finance_leg WHERE entry_id = NEW.id
        GROUP BY head_id HAVING SUM(amount_paise) <> 0)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_BALANCE}'); END;
    """,
    f"""
    CREATE TRIGGER finance_entry_post_totals AFTER UPDATE OF posted ON finance_entry
    WHEN NEW.posted AND NOT OLD.posted
    BEGIN {SQLITE_MONTH_TOTALS} END;
    """,
    f"""
    CREATE TRIGGER finance_entry_insert_posted_totals AFTER INSERT ON finance_entry
    WHEN NEW.posted
    BEGIN {SQLITE_MONTH_TOTALS} END;
    """,
    f"""
    CREATE TRIGGER finance_entry_posted_frozen BEFORE UPDATE ON finance_entry
    WHEN OLD.posted AND (
        NEW.posted IS NOT OLD.posted OR NEW.number IS NOT OLD.number
        OR NEW.date IS NOT OLD.date OR NEW.district_id IS NOT OLD.district_id
        OR NEW.kind IS NOT OLD.kind OR NEW.reverses_id IS NOT OLD.reverses_id
        OR NEW.id IS NOT OLD.id)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_FROZEN}'); END;
    """,
    f"""
    CREATE TRIGGER finance_entry_posted_kept BEFORE DELETE ON finance_entry
    WHEN OLD.posted
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_FROZEN}'); END;
    """,
    f"""
    CREATE TRIGGER finance_leg_insert_guard BEFORE INSERT ON finance_leg
    WHEN (SELECT posted FROM finance_entry WHERE id = NEW.entry_id)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_LEG}'); END;
    """,
    f"""
    CREATE TRIGGER finance_leg_update_guard BEFORE UPDATE ON finance_leg
    WHEN (SELECT posted FROM finance_entry WHERE id = OLD.entry_id)
      OR (SELECT posted FROM finance_entry WHERE id = NEW.entry_id)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_LEG}'); END;
    """,
    f"""
    CREATE TRIGGER finance_leg_delete_guard BEFORE DELETE ON finance_leg
    WHEN (SELECT posted FROM finance_entry WHERE id = OLD.entry_id)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_LEG}'); END;
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS finance_entry_post_balanced;",
    "DROP TRIGGER IF EXISTS finance_entry_post_totals;",
    "DROP TRIGGER IF EXISTS finance_entry_insert_posted_totals;",
    "DROP TRIGGER IF EXISTS finance_entry_posted_frozen;",
    "DROP TRIGGER IF EXISTS finance_entry_posted_kept;",
    "DROP TRIGGER IF EXISTS finance_leg_insert_guard;",
    "DROP TRIGGER IF EXISTS finance_leg_update_guard;",
    "DROP TRIGGER IF EXISTS finance_leg_delete_guard;",
]

POSTGRES = [
    f"""
    CREATE FUNCTION finance_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF OLD.posted THEN
                RAISE EXCEPTION '{MESSAGE_FROZEN}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.posted THEN
            IF NEW.posted IS DISTINCT FROM OLD.posted OR NEW.number IS DISTINCT FROM OLD.number
               OR NEW.date IS DISTINCT FROM OLD.date
               OR NEW.district_id IS DISTINCT FROM OLD.district_id
               OR NEW.kind IS DISTINCT FROM OLD.kind
               OR NEW.reverses_id IS DISTINCT FROM OLD.reverses_id
               OR NEW.id IS DISTINCT FROM OLD.id THEN
                RAISE EXCEPTION '{MESSAGE_FROZEN}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END IF;
        IF NEW.posted AND EXISTS (
            SELECT 1 FROM finance_leg WHERE entry_id = NEW.id
            GROUP BY head_id HAVING SUM(amount_paise) <> 0
        ) THEN
            RAISE EXCEPTION '{MESSAGE_BALANCE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$;
    """,
    """
    CREATE FUNCTION finance_entry_totals() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.posted AND (TG_OP = 'INSERT' OR NOT OLD.posted) THEN
            INSERT INTO finance_monthtotal
                (district_id, account_id, head_id, month, debit_paise, credit_paise)
            SELECT NEW.district_id, account_id, head_id, date_trunc('month', NEW.date)::date,
                   SUM(CASE WHEN amount_paise > 0 THEN amount_paise ELSE 0 END),
                   SUM(CASE WHEN amount_paise < 0 THEN -amount_paise ELSE 0 END)
            FROM finance_leg WHERE entry_id = NEW.id GROUP BY account_id, head_id
            ON CONFLICT (district_id, month, head_id, account_id) DO UPDATE SET
                debit_paise = finance_monthtotal.debit_paise + EXCLUDED.debit_paise,
                credit_paise = finance_monthtotal.credit_paise + EXCLUDED.credit_paise;
        END IF;
        RETURN NULL;
    END $$;
    """,
    f"""
    CREATE FUNCTION finance_leg_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND
           (SELECT posted FROM finance_entry WHERE id = OLD.entry_id FOR SHARE) THEN
            RAISE EXCEPTION '{MESSAGE_LEG}' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND
           (SELECT posted FROM finance_entry WHERE id = NEW.entry_id FOR SHARE) THEN
            RAISE EXCEPTION '{MESSAGE_LEG}' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$;
    """,
    """
    CREATE TRIGGER finance_entry_guard BEFORE INSERT OR UPDATE OR DELETE ON finance_entry
    FOR EACH ROW EXECUTE FUNCTION finance_entry_guard();
    """,
    """
    CREATE TRIGGER finance_entry_totals AFTER INSERT OR UPDATE OF posted ON finance_entry
    FOR EACH ROW EXECUTE FUNCTION finance_entry_totals();
    """,
    """
    CREATE TRIGGER finance_leg_guard BEFORE INSERT OR UPDATE OR DELETE ON finance_leg
    FOR EACH ROW EXECUTE FUNCTION finance_leg_guard();
    """,
]

POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS finance_leg_guard ON finance_leg;",
    "DROP TRIGGER IF EXISTS finance_entry_totals ON finance_entry;",
    "DROP TRIGGER IF EXISTS finance_entry_guard ON finance_entry;",
    "DROP FUNCTION IF EXISTS finance_leg_guard();",
    "DROP FUNCTION IF EXISTS finance_entry_totals();",
    "DROP FUNCTION IF EXISTS finance_entry_guard();",
]


def _run(statements_by_vendor):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
