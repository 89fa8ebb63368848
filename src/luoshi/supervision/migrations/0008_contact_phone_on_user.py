# The ledger's Contact (mobile number per user) moves onto the user (User.phone), where every
# app's text messages are addressed; numbers of users who had SMS switched off are not copied.

from django.db import migrations


def copy_mobiles_to_users(apps, schema_editor):
    Contact = apps.get_model("supervision", "Contact")
    User = apps.get_model("core", "User")
    for contact in Contact.objects.filter(sms_enabled=True).exclude(mobile=""):
        User.objects.filter(pk=contact.user_id, phone="").update(phone=contact.mobile.strip())


def copy_phones_back(apps, schema_editor):
    Contact = apps.get_model("supervision", "Contact")
    User = apps.get_model("core", "User")
    Contact.objects.bulk_create(
        [Contact(user_id=u.pk, mobile=u.phone) for u in User.objects.exclude(phone="")]
    )


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_user_phone"),
        ("supervision", "0007_task_due_event"),
    ]

    operations = [
        migrations.RunPython(copy_mobiles_to_users, copy_phones_back),
        migrations.DeleteModel(name="Contact"),
    ]
