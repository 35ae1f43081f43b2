import AlongsideApp

await Entrypoint.main()
