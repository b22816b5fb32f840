-- A small showcase: two families, three teachers. Every person is invented.
-- Teacher 7 (Welsh) meets only family 12; teacher 8 meets both families;
-- teacher 9 has no email address and meets only family 15.
INSERT INTO prisons (id, name, address, phone, email) VALUES
  (1, 'HMP Parc', 'Heol Hopcyn John, Coity, Bridgend, CF35 6AP', '01632 960 418', 'visits@parc.example');
INSERT INTO hall_tables (id, prison_id, label, row, col, step_free, quiet) VALUES
  (1, 1, 'A1', 1, 1, 1, 0), (2, 1, 'A2', 1, 2, 1, 0), (3, 1, 'B1', 2, 1, 0, 1), (4, 1, 'B2', 2, 2, 0, 0);
INSERT INTO local_authorities (id, name) VALUES (1, 'Pen-y-bont ar Ogwr');
INSERT INTO schools (id, name, type, language_medium, local_authority_id, head_name, head_email, lang) VALUES
  (1, 'Ysgol Gynradd y Wern', 'primary', 'welsh', 1, 'Elin Rhys', 'pennaeth@ywern.example', 'cy'),
  (2, 'Bridgend Primary', 'primary', 'english', 1, 'Mark Evans', 'head@bridgend.example', 'en');
INSERT INTO teachers (id, school_id, name, email, role, lang) VALUES
  (7, 1, 'Llŷr Huws', 'llyr@ywern.example', 'class_teacher', 'cy'),
  (8, 2, 'Sarah Jones', 'sjones@bridgend.example', 'class_teacher', 'en'),
  (9, 2, 'Tom Price', '', 'senco', 'en');
INSERT INTO families (id, ref, prison_id, parent_name, prison_number, referral_source, referred_on, created_at) VALUES
  (12, 'FAM-0012', 1, 'Rhodri Bevan', 'A1234BC', 'carer', '2026-01-10', '2026-01-10T10:00:00Z'),
  (15, 'FAM-0015', 1, 'Gareth Pryce', 'B5678CD', 'school', '2026-01-12', '2026-01-12T10:00:00Z');
INSERT INTO carers (id, family_id, name, relationship, email, lang, is_primary) VALUES
  (31, 12, 'Angharad Bevan', 'parent', 'angharad@example.org', 'cy', 1),
  (32, 15, 'Kelly Pryce', 'parent', 'kelly@example.org', 'en', 1);
INSERT INTO children (id, family_id, first_name, last_name, year_group, school_id, local_authority_id, lang,
  needs_quiet, needs_notes, dietary, share_needs_with_school, wants_to_attend) VALUES
  (41, 12, 'Gwenllïan', 'Bevan', 'Year 4', 1, 1, 'cy', 1, 'Frightened of dogs', 'Vegetarian', 1, 'yes'),
  (42, 15, 'Siôn', 'Pryce', 'Year 6', 2, 1, 'en', 0, 'Autistic; needs breaks', '', 0, 'yes');
-- Who at school may know: Gwenllïan named her teacher; Siôn named both of his.
INSERT INTO child_disclosures (child_id, teacher_id, approved_by, recorded_on) VALUES
  (41, 7, 'both', '2026-02-01'), (42, 8, 'both', '2026-02-01'), (42, 9, 'carer', '2026-02-01');
-- 14 April 2026 is in British Summer Time: 13:00Z is 14:00 in Bridgend.
INSERT INTO events (id, prison_id, title, starts_at, slot_minutes, slots, arrival_minutes, status, created_at) VALUES
  (3, 1, 'Showcase April 2026', '2026-04-14T13:00:00Z', 10, 6, 45, 'allocated', '2026-02-01T10:00:00Z');
INSERT INTO event_families (event_id, family_id, table_id, status) VALUES (3, 12, 1, 'allocated'), (3, 15, 4, 'allocated');
INSERT INTO meetings (event_id, family_id, teacher_id, slot) VALUES
  (3, 12, 7, 0), (3, 15, 8, 1), (3, 15, 9, 2), (3, 12, 8, 3);
