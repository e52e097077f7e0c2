"""The access matrix: every page and API endpoint × every role × whose object it is.

One table per section, `MATRIX` in each test module of this package, says what each role
gets back. Read a line as: "<method> <path>
on an object of <scope>: anonymous gets 302, a viewer 200, ...".

Roles (columns), each a membership in Kennemerland (VR12) unless said otherwise:

    anon  not logged in                     reg   coordinator of the region
    view  viewer                            regi  registry officer
    func  functionary (no alert)            comm  communication
    lead  functionary alerted as OvD-BZ     qual  quality monitor
          for the Haarlem incident          radm  administrator of the region
    mun   coordinator of Haarlem            nadm  national administrator
                                            care  shelter desk officer
                                            carc  shelter and care coordinator
                                            aft   aftercare and IAC officer

Scopes (whose object the path points at):

    own   Haarlem's (the municipal coordinator's own municipality) in VR12
    mun   another municipality of the same region (Velsen)
    reg   another region (Utrecht, VR09)
    -     not tied to an object (lists, the user's own pages, links that are their own key)

Statuses: 200/201/204 done, 302 to the login page (or on after a done form), 400 allowed
but the (deliberately empty) input is refused, 403 may see but not do, 404 may not see (the
object's existence is not revealed), 405 method not offered.

Every write is sent with an empty body (or the query string as its body: "?step=approve" is
the button), inside a transaction that is rolled back: the matrix tests who gets through the
door, not what the form then says. An API create answers 400 to everyone: its body names the
region or person it is for, so the body is read before the door (a valid body from someone
who may not write there gets 403 or 404 from the service). The world is built once
for the package (`conftest.py`); `test_complete.py` fails when a page or API operation has
no line in any table. `ORANJE_MATRIX_PRINT=1 pytest -s …` prints the table as it is now.
"""
